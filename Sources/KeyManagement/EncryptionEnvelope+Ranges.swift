/// The chunks that hold a plaintext range: a contiguous run, starting at `first`, of `chunkCount` chunks.
struct ChunkPlan: Sendable, Hashable {
    var first: ChunkPosition
    var chunkCount: Int64
    var ciphertextRange: Range<Int64>
}

/// A chunk: its segment, its index within the segment, and where that segment starts in the plaintext and the file.
struct ChunkPosition: Sendable, Hashable {
    var segment: Int
    var chunk: Int64
    var segmentPlaintextStart: Int64
    var segmentCiphertextStart: Int64
    /// Index of the chunk counted over all segments.
    var globalIndex: Int64

    static let start = ChunkPosition(segment: 0, chunk: 0, segmentPlaintextStart: 0, segmentCiphertextStart: 0, globalIndex: 0)
}

extension EncryptionEnvelope {
    /// The bytes of the stored file to read for the plaintext `range`.
    ///
    /// Whole chunks are read; a range that reaches the end of the object also reads the final chunk, so that a
    /// truncated file is noticed and even an empty object is authenticated.
    public func ciphertextRange(forPlaintext range: Range<Int64>) throws(EncryptionError) -> Range<Int64> {
        try plan(for: range).ciphertextRange
    }

    func plan(for range: Range<Int64>) throws(EncryptionError) -> ChunkPlan {
        let total = plaintextSize
        guard range.lowerBound >= 0, range.upperBound <= total else {
            throw EncryptionError(.invalidRange, "Bytes \(range.lowerBound)..<\(range.upperBound) lie outside the object of \(total) bytes")
        }
        let first: ChunkPosition
        let last: ChunkPosition
        if range.upperBound == total, let final = finalChunk() {
            last = final
            first = range.isEmpty ? final : position(of: range.lowerBound)
        } else if !range.isEmpty {
            first = position(of: range.lowerBound)
            last = position(of: range.upperBound - 1)
        } else {
            return ChunkPlan(first: .start, chunkCount: 0, ciphertextRange: 0..<0)
        }
        let stride = Int64(chunkSize + ChunkLayout.tagByteCount)
        let start = first.segmentCiphertextStart + first.chunk * stride
        let end = last.segmentCiphertextStart + last.chunk * stride + Int64(chunkLength(last)) + Int64(ChunkLayout.tagByteCount)
        return ChunkPlan(first: first, chunkCount: last.globalIndex - first.globalIndex + 1, ciphertextRange: start..<end)
    }

    /// Plaintext bytes in the chunk at `position`.
    func chunkLength(_ position: ChunkPosition) -> Int {
        Int(min(Int64(chunkSize), segments[position.segment].plaintextSize - position.chunk * Int64(chunkSize)))
    }

    /// The chunk holding plaintext byte `offset`, which must lie inside the object.
    private func position(of offset: Int64) -> ChunkPosition {
        var position = ChunkPosition.start
        for (index, segment) in segments.enumerated() {
            if offset < position.segmentPlaintextStart + segment.plaintextSize {
                position.segment = index
                position.chunk = (offset - position.segmentPlaintextStart) / Int64(chunkSize)
                position.globalIndex += position.chunk
                return position
            }
            advance(&position, past: segment)
        }
        preconditionFailure("offset \(offset) outside the object")
    }

    /// The final chunk of the last segment, or nil if there are no segments.
    private func finalChunk() -> ChunkPosition? {
        guard let lastSegment = segments.last else { return nil }
        var position = ChunkPosition.start
        for segment in segments.dropLast() {
            advance(&position, past: segment)
        }
        position.segment = segments.count - 1
        position.chunk = lastSegment.plaintextSize / Int64(chunkSize)
        position.globalIndex += position.chunk
        return position
    }

    private func advance(_ position: inout ChunkPosition, past segment: EncryptedSegment) {
        position.segmentPlaintextStart += segment.plaintextSize
        position.segmentCiphertextStart += ChunkLayout.ciphertextSize(plaintextSize: segment.plaintextSize, chunkSize: chunkSize)
        position.globalIndex += ChunkLayout.chunkCount(plaintextSize: segment.plaintextSize, chunkSize: chunkSize)
    }
}
