@preconcurrency import Crypto
import Foundation
import NIOCore

/// Decrypts a plaintext range of a stored object incrementally.
///
/// Read the stored file's bytes in `ciphertextRange`, feed them in order in pieces of any size, and get the plaintext
/// of `plaintextRange` as each chunk is authenticated; then call `finish()`, which fails if the file ended early.
/// A chunk that fails authentication throws IntegrityFailure: no unauthenticated byte is ever returned.
public struct ChunkDecryptor: Sendable {
    public let plaintextRange: Range<Int64>
    public let ciphertextRange: Range<Int64>
    private let key: SymmetricKey
    private let envelope: EncryptionEnvelope
    private var position: ChunkPosition
    private var remainingChunks: Int64
    /// Ciphertext of the chunk being gathered; never a whole chunk between calls.
    private var pending: [UInt8] = []

    /// - Parameters:
    ///   - envelope: the object's envelope, with its segments.
    ///   - dataKey: from `KeyManagementService.dataKey(for:principal:customerKey:)`.
    ///   - range: the plaintext bytes wanted; the whole object when nil.
    public init(envelope: EncryptionEnvelope, dataKey: SymmetricKey, range: Range<Int64>? = nil) throws {
        let range = range ?? 0..<envelope.plaintextSize
        let plan = try envelope.plan(for: range)
        self.plaintextRange = range
        self.ciphertextRange = plan.ciphertextRange
        self.key = dataKey
        self.envelope = envelope
        self.position = plan.first
        self.remainingChunks = plan.chunkCount
    }

    /// Whether every chunk of `ciphertextRange` has been decrypted.
    public var isComplete: Bool { remainingChunks == 0 }

    /// Appends to `plaintext` the part of `plaintextRange` held by the chunks that `ciphertext` completes.
    public mutating func update(_ ciphertext: ByteBuffer, into plaintext: inout ByteBuffer) throws {
        try ciphertext.withUnsafeReadableBytes { bytes in
            var rest = bytes[...]
            while !rest.isEmpty {
                guard remainingChunks > 0 else {
                    throw EncryptionError(.integrityFailure, "More ciphertext than bytes \(ciphertextRange) of the stored object")
                }
                let needed = envelope.chunkLength(position) + ChunkLayout.tagByteCount
                if pending.isEmpty, rest.count >= needed {
                    let opened = try open(UnsafeRawBufferPointer(rebasing: rest.prefix(needed)))
                    emit(opened, into: &plaintext)
                    rest = rest.dropFirst(needed)
                } else {
                    let taken = min(needed - pending.count, rest.count)
                    pending.append(contentsOf: rest.prefix(taken))
                    rest = rest.dropFirst(taken)
                    if pending.count == needed {
                        let opened = try pending.withUnsafeBytes { try open($0) }
                        emit(opened, into: &plaintext)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
    }

    /// The plaintext that `ciphertext` completes (possibly none).
    public mutating func update(_ ciphertext: ByteBuffer) throws -> ByteBuffer {
        var plaintext = ByteBuffer()
        try update(ciphertext, into: &plaintext)
        return plaintext
    }

    /// Fails with IntegrityFailure if the ciphertext ended before the last chunk of the range.
    public func finish() throws {
        guard remainingChunks == 0 else {
            throw EncryptionError(
                .integrityFailure,
                "The stored object ends early: \(remainingChunks) chunk(s) of bytes \(ciphertextRange) are missing (truncated)"
            )
        }
    }

    /// Authenticates and decrypts the chunk at `position`.
    private func open(_ chunk: UnsafeRawBufferPointer) throws -> Data {
        let segment = envelope.segments[position.segment]
        let length = chunk.count - ChunkLayout.tagByteCount
        guard let index = UInt32(exactly: position.chunk) else {
            throw EncryptionError(.integrityFailure, "Chunk \(position.chunk) is beyond the last possible chunk")
        }
        let final = position.chunk == segment.plaintextSize / Int64(envelope.chunkSize)
        do {
            let box = try AES.GCM.SealedBox(
                nonce: ChunkLayout.nonce(prefix: segment.noncePrefix, index: index),
                ciphertext: UnsafeRawBufferPointer(rebasing: chunk[..<length]),
                tag: UnsafeRawBufferPointer(rebasing: chunk[length...])
            )
            return try AES.GCM.open(box, using: key, authenticating: ChunkLayout.authenticatedData(index: index, final: final))
        } catch {
            throw EncryptionError(
                .integrityFailure,
                "Chunk \(index) of segment \(position.segment) fails authentication: the stored data was altered, truncated or reordered"
            )
        }
    }

    /// Writes the part of the chunk inside `plaintextRange` and moves to the next chunk.
    private mutating func emit(_ chunk: Data, into plaintext: inout ByteBuffer) {
        let chunkStart = position.segmentPlaintextStart + position.chunk * Int64(envelope.chunkSize)
        let lower = Int(max(plaintextRange.lowerBound, chunkStart) - chunkStart)
        let upper = Int(min(plaintextRange.upperBound, chunkStart + Int64(chunk.count)) - chunkStart)
        if lower < upper {
            chunk.withUnsafeBytes { bytes in
                _ = plaintext.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[lower..<upper]))
            }
        }
        remainingChunks -= 1
        let segment = envelope.segments[position.segment]
        if position.chunk == segment.plaintextSize / Int64(envelope.chunkSize) {
            position.segmentPlaintextStart += segment.plaintextSize
            position.segmentCiphertextStart += ChunkLayout.ciphertextSize(plaintextSize: segment.plaintextSize, chunkSize: envelope.chunkSize)
            position.segment += 1
            position.chunk = 0
        } else {
            position.chunk += 1
        }
        position.globalIndex += 1
    }
}
