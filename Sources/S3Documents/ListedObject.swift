import Foundation

/// One `Contents` element of `ListBucketResult` (V1 and V2).
public struct ListedObject: Codable, Sendable, Equatable {
    public var key: String
    public var lastModified: Date
    /// Quoted, as sent in the `ETag` header (`unquotedETag` without the quotes).
    public var etag: String
    public var size: Int64
    public var storageClass: String
    public var owner: Owner?
    public var checksumAlgorithm: String?

    public init(
        key: String,
        lastModified: Date,
        etag: String,
        size: Int64,
        storageClass: String = "STANDARD",
        owner: Owner? = nil,
        checksumAlgorithm: String? = nil
    ) {
        self.key = key
        self.lastModified = lastModified
        self.etag = etag
        self.size = size
        self.storageClass = storageClass
        self.owner = owner
        self.checksumAlgorithm = checksumAlgorithm
    }

    /// The ETag without its quotes: the MD5 in hex, or `hex-N` for a multipart object.
    public var unquotedETag: String {
        etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"") ? String(etag.dropFirst().dropLast()) : etag
    }

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case lastModified = "LastModified"
        case etag = "ETag"
        case size = "Size"
        case storageClass = "StorageClass"
        case owner = "Owner"
        case checksumAlgorithm = "ChecksumAlgorithm"
    }

    /// `StorageClass` is left out by some servers; it is `STANDARD` then.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        lastModified = try container.decode(Date.self, forKey: .lastModified)
        etag = try container.decode(String.self, forKey: .etag)
        size = try container.decode(Int64.self, forKey: .size)
        storageClass = try container.decodeIfPresent(String.self, forKey: .storageClass) ?? "STANDARD"
        owner = try container.decodeIfPresent(Owner.self, forKey: .owner)
        checksumAlgorithm = try container.decodeIfPresent(String.self, forKey: .checksumAlgorithm)
    }
}
