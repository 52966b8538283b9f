@preconcurrency import Crypto

/// The layout of a segment: the plaintext cut into `chunkSize` chunks, each sealed with AES-256-GCM and followed by
/// its 16-byte tag. There are `plaintextSize / chunkSize + 1` chunks: the last, marked final, holds the remainder and
/// may be empty, so a segment always ends with a chunk that says it is the end.
///
/// The nonce is the segment's prefix plus the chunk index; the authenticated data binds the index and the final
/// flag. Dropping trailing chunks, reordering chunks or moving them between segments or objects fails authentication.
enum ChunkLayout {
    static let tagByteCount = 16
    static let noncePrefixByteCount = 8
    static let nonceByteCount = 12
    static let chunkSizes = 16...(16 << 20)

    static func chunkCount(plaintextSize: Int64, chunkSize: Int) -> Int64 {
        plaintextSize / Int64(chunkSize) + 1
    }

    static func ciphertextSize(plaintextSize: Int64, chunkSize: Int) -> Int64 {
        plaintextSize + Int64(tagByteCount) * chunkCount(plaintextSize: plaintextSize, chunkSize: chunkSize)
    }

    static func nonce(prefix: [UInt8], index: UInt32) -> AES.GCM.Nonce {
        var bytes = prefix
        withUnsafeBytes(of: index.bigEndian) { bytes.append(contentsOf: $0) }
        return try! AES.GCM.Nonce(data: bytes)  // always 12 bytes
    }

    static func authenticatedData(index: UInt32, final: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        withUnsafeBytes(of: index.bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(final ? 1 : 0)
        return bytes
    }
}
