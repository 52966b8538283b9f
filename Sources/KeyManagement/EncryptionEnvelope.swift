import Foundation

/// How one object is encrypted, for the catalog: the mode, the wrapped data key, the chunk size and the segments.
///
/// It never holds a usable key: the data key is wrapped by the KMS (SSE-KMS), the server-managed key (SSE-S3 /
/// SSE-OBS) or the customer's key (SSE-C), of which only the MD5 and a salted HMAC are kept. `serialized` is the JSON
/// to store; a multipart upload stores the envelope at initiation and sets `segments` from its parts on completion.
public struct EncryptionEnvelope: Sendable, Hashable {
    public static let defaultChunkSize = 64 * 1024

    public enum Mode: Sendable, Hashable {
        /// Server-managed key: `AES256` in both dialects.
        case sseS3
        /// A KMS key (`aws:kms` / `kms`); the id, not the alias the request used.
        case sseKMS(keyId: String)
        /// A customer-provided key, known here by its MD5 (base64).
        case sseC(customerKeyMD5: String)
    }

    /// The data key as stored.
    enum SealedDataKey: Sendable, Hashable {
        case wrapped(WrappedKey)
        case customer(sealed: [UInt8], check: CustomerKeyCheck)
    }

    let dataKey: SealedDataKey
    /// Plaintext bytes per chunk; every chunk but the final one of a segment is this long.
    public let chunkSize: Int
    /// The segments in stored order: one for a PUT, one per part for a multipart upload.
    public var segments: [EncryptedSegment]

    init(dataKey: SealedDataKey, chunkSize: Int, segments: [EncryptedSegment] = []) {
        precondition(ChunkLayout.chunkSizes.contains(chunkSize), "chunk size \(chunkSize) out of range")
        self.dataKey = dataKey
        self.chunkSize = chunkSize
        self.segments = segments
    }

    public var mode: Mode {
        switch dataKey {
        case .wrapped(let wrapped): wrapped.isServerManaged ? .sseS3 : .sseKMS(keyId: wrapped.keyId)
        case .customer(_, let check): .sseC(customerKeyMD5: check.keyMD5)
        }
    }

    public var plaintextSize: Int64 {
        segments.reduce(0) { $0 + $1.plaintextSize }
    }

    /// The size of the stored file: every segment's chunks and tags.
    public var ciphertextSize: Int64 {
        segments.reduce(0) { $0 + ChunkLayout.ciphertextSize(plaintextSize: $1.plaintextSize, chunkSize: chunkSize) }
    }

    /// The stored size of one segment of `plaintextSize` bytes.
    public static func ciphertextSize(forPlaintextSize plaintextSize: Int64, chunkSize: Int = defaultChunkSize) -> Int64 {
        ChunkLayout.ciphertextSize(plaintextSize: plaintextSize, chunkSize: chunkSize)
    }
}
