import Foundation

/// One `Contents` element of `ListBucketResult` (V1 and V2).
struct ListedObject: Codable, Sendable, Equatable {
    var key: String
    var lastModified: Date
    /// Already quoted, as sent in the `ETag` header.
    var etag: String
    var size: Int64
    var storageClass: String = "STANDARD"
    var owner: Owner?
    var checksumAlgorithm: String?

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case lastModified = "LastModified"
        case etag = "ETag"
        case size = "Size"
        case storageClass = "StorageClass"
        case owner = "Owner"
        case checksumAlgorithm = "ChecksumAlgorithm"
    }
}
