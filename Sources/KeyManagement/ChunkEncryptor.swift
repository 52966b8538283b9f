@preconcurrency import Crypto
import Foundation
import NIOCore

/// Encrypts one segment incrementally: feed plaintext of any size, get ciphertext chunks as soon as they are whole.
///
/// It holds less than one chunk of plaintext; `finish()` seals the final chunk and returns the segment to record
/// in the envelope. Each encryptor draws its own random nonce prefix.
public struct ChunkEncryptor: Sendable {
    private let key: SymmetricKey
    private let noncePrefix: [UInt8]
    public let chunkSize: Int
    /// Plaintext of the chunk being filled; never a whole chunk between calls.
    private var pending: [UInt8]
    private var chunkIndex: UInt32 = 0
    private var finished = false
    /// Plaintext bytes fed so far.
    public private(set) var plaintextSize: Int64 = 0

    /// - Parameter dataKey: the object's 256-bit data key.
    public init(dataKey: SymmetricKey, chunkSize: Int = EncryptionEnvelope.defaultChunkSize) {
        precondition(dataKey.bitCount == 256, "data keys are 256 bits")
        precondition(ChunkLayout.chunkSizes.contains(chunkSize), "chunk size \(chunkSize) out of range")
        self.key = dataKey
        self.chunkSize = chunkSize
        self.noncePrefix = SymmetricKey(size: SymmetricKeySize(bitCount: ChunkLayout.noncePrefixByteCount * 8)).withUnsafeBytes { Array($0) }
        self.pending = []
        pending.reserveCapacity(chunkSize)
    }

    /// An encryptor for a segment of the object `envelope` describes, with its chunk size.
    public init(envelope: EncryptionEnvelope, dataKey: SymmetricKey) {
        self.init(dataKey: dataKey, chunkSize: envelope.chunkSize)
    }

    /// Appends to `ciphertext` the chunks that `plaintext` completes.
    public mutating func update(_ plaintext: ByteBuffer, into ciphertext: inout ByteBuffer) throws {
        precondition(!finished, "update after finish")
        let chunkSize = self.chunkSize
        let completed = (pending.count + plaintext.readableBytes) / chunkSize
        ciphertext.reserveCapacity(minimumWritableBytes: completed * (chunkSize + ChunkLayout.tagByteCount))
        try plaintext.withUnsafeReadableBytes { bytes in
            var rest = bytes[...]
            if !pending.isEmpty {
                let taken = min(chunkSize - pending.count, rest.count)
                pending.append(contentsOf: rest.prefix(taken))
                rest = rest.dropFirst(taken)
                if pending.count == chunkSize {
                    let box = try pending.withUnsafeBytes { try seal($0, final: false) }
                    append(box, to: &ciphertext)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            while rest.count >= chunkSize {
                let box = try seal(UnsafeRawBufferPointer(rebasing: rest.prefix(chunkSize)), final: false)
                append(box, to: &ciphertext)
                rest = rest.dropFirst(chunkSize)
            }
            pending.append(contentsOf: rest)
        }
        plaintextSize += Int64(plaintext.readableBytes)
    }

    /// The ciphertext chunks that `plaintext` completes (possibly none).
    public mutating func update(_ plaintext: ByteBuffer) throws -> ByteBuffer {
        var ciphertext = ByteBuffer()
        try update(plaintext, into: &ciphertext)
        return ciphertext
    }

    /// Appends the final chunk (the remainder, possibly empty) to `ciphertext` and returns the segment to record.
    public mutating func finish(into ciphertext: inout ByteBuffer) throws -> EncryptedSegment {
        precondition(!finished, "finish called twice")
        let box = try pending.withUnsafeBytes { try seal($0, final: true) }
        append(box, to: &ciphertext)
        pending = []
        finished = true
        return EncryptedSegment(noncePrefix: noncePrefix, plaintextSize: plaintextSize)
    }

    /// The final chunk, and the segment to record in the envelope.
    public mutating func finish() throws -> (ciphertext: ByteBuffer, segment: EncryptedSegment) {
        var ciphertext = ByteBuffer()
        let segment = try finish(into: &ciphertext)
        return (ciphertext, segment)
    }

    private func seal(_ chunk: UnsafeRawBufferPointer, final: Bool) throws -> AES.GCM.SealedBox {
        guard final || chunkIndex < UInt32.max else {
            throw EncryptionError(.cryptoFailure, "A segment cannot hold more than \(UInt32.max) chunks")
        }
        do {
            return try AES.GCM.seal(
                chunk,
                using: key,
                nonce: ChunkLayout.nonce(prefix: noncePrefix, index: chunkIndex),
                authenticating: ChunkLayout.authenticatedData(index: chunkIndex, final: final)
            )
        } catch {
            throw EncryptionError(.cryptoFailure, "AES-GCM failed to seal chunk \(chunkIndex): \(error)")
        }
    }

    /// Writes ciphertext and tag (the sealed box without its nonce, which is derived, not stored).
    private mutating func append(_ box: AES.GCM.SealedBox, to ciphertext: inout ByteBuffer) {
        box.combined!.withUnsafeBytes { combined in
            _ = ciphertext.writeBytes(UnsafeRawBufferPointer(rebasing: combined[ChunkLayout.nonceByteCount...]))
        }
        chunkIndex += 1
    }
}
