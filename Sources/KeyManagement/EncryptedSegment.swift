/// One independently encrypted run of chunks: a whole PUT, or one part of a multipart upload.
///
/// Each segment has its own random nonce prefix, so parts encrypted with the object's one data key never share a nonce,
/// even when a part is uploaded again. Segments are stored one after the other.
public struct EncryptedSegment: Sendable, Hashable, Codable {
    /// 8 random bytes; a chunk's nonce is this prefix followed by the chunk's index (big-endian `UInt32`).
    public let noncePrefix: [UInt8]
    public let plaintextSize: Int64

    public init(noncePrefix: [UInt8], plaintextSize: Int64) {
        self.noncePrefix = noncePrefix
        self.plaintextSize = plaintextSize
    }

    private enum CodingKeys: String, CodingKey {
        case noncePrefix = "n"
        case plaintextSize = "s"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let prefix = try container.decode(Base64Bytes.self, forKey: .noncePrefix).bytes
        let size = try container.decode(Int64.self, forKey: .plaintextSize)
        guard prefix.count == ChunkLayout.noncePrefixByteCount, size >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .noncePrefix, in: container, debugDescription: "Invalid segment")
        }
        self.init(noncePrefix: prefix, plaintextSize: size)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Base64Bytes(noncePrefix), forKey: .noncePrefix)
        try container.encode(plaintextSize, forKey: .plaintextSize)
    }
}
