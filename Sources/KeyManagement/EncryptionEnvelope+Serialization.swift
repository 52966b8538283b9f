import Foundation

/// The envelope as compact JSON, e.g.
/// `{"chunkSize":65536,"dataKey":"AQEk…","keyId":"…","mode":"aws:kms","segments":[{"n":"…","s":1234}],"v":1}`.
/// `keyId` is informational (the wrapped key names its key too) so that SQL can find the objects of a key.
extension EncryptionEnvelope: Codable {
    private static let formatVersion = 1

    private enum CodingKeys: String, CodingKey {
        case version = "v"
        case mode
        case keyId
        case dataKey
        case chunkSize
        case segments
        case keyMD5
        case keySalt
        case keyMAC
    }

    private enum ModeName: String, Codable {
        case sseS3 = "AES256"
        case sseKMS = "aws:kms"
        case sseC = "SSE-C"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: container, debugDescription: "Unknown envelope version \(version)")
        }
        let mode = try container.decode(ModeName.self, forKey: .mode)
        let sealed = try container.decode(Base64Bytes.self, forKey: .dataKey).bytes
        let chunkSize = try container.decode(Int.self, forKey: .chunkSize)
        guard ChunkLayout.chunkSizes.contains(chunkSize) else {
            throw DecodingError.dataCorruptedError(forKey: .chunkSize, in: container, debugDescription: "Invalid chunk size \(chunkSize)")
        }
        let dataKey: SealedDataKey
        switch mode {
        case .sseS3, .sseKMS:
            let wrapped = try WrappedKey(bytes: sealed)
            let keyId = try container.decodeIfPresent(String.self, forKey: .keyId)
            guard wrapped.isServerManaged == (mode == .sseS3), mode == .sseS3 || keyId == wrapped.keyId else {
                throw DecodingError.dataCorruptedError(forKey: .dataKey, in: container, debugDescription: "The data key does not match the mode")
            }
            dataKey = .wrapped(wrapped)
        case .sseC:
            let check = CustomerKeyCheck(
                keyMD5: try container.decode(String.self, forKey: .keyMD5),
                salt: try container.decode(Base64Bytes.self, forKey: .keySalt).bytes,
                mac: try container.decode(Base64Bytes.self, forKey: .keyMAC).bytes
            )
            dataKey = .customer(sealed: sealed, check: check)
        }
        self.init(dataKey: dataKey, chunkSize: chunkSize, segments: try container.decode([EncryptedSegment].self, forKey: .segments))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatVersion, forKey: .version)
        switch dataKey {
        case .wrapped(let wrapped):
            try container.encode(wrapped.isServerManaged ? ModeName.sseS3 : .sseKMS, forKey: .mode)
            if !wrapped.isServerManaged {
                try container.encode(wrapped.keyId, forKey: .keyId)
            }
            try container.encode(Base64Bytes(wrapped.bytes), forKey: .dataKey)
        case .customer(let sealed, let check):
            try container.encode(ModeName.sseC, forKey: .mode)
            try container.encode(Base64Bytes(sealed), forKey: .dataKey)
            try container.encode(check.keyMD5, forKey: .keyMD5)
            try container.encode(Base64Bytes(check.salt), forKey: .keySalt)
            try container.encode(Base64Bytes(check.mac), forKey: .keyMAC)
        }
        try container.encode(chunkSize, forKey: .chunkSize)
        try container.encode(segments, forKey: .segments)
    }

    /// The JSON text to store in the catalog.
    public var serialized: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)  // encoding plain strings and numbers cannot fail
    }

    /// Parses `serialized`; CorruptEnvelope if it is not a valid envelope.
    public init(serialized: String) throws(EncryptionError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: Data(serialized.utf8))
        } catch {
            throw EncryptionError(.corruptEnvelope, "The stored encryption envelope cannot be read: \(error)")
        }
    }
}
