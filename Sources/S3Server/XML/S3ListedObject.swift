import Foundation

/// One `Contents` element of `ListBucketResult` (V1 and V2).
struct S3ListedObject: Codable, Sendable, Equatable {
    var key: String
    var lastModified: Date
    /// Already quoted, as sent in the `ETag` header.
    var eTag: String
    var checksumAlgorithm: String?
    var size: Int64
    var owner: S3Owner?
    var storageClass: String = "STANDARD"

    enum CodingKeys: String, CodingKey {
        case key = "Key"
        case lastModified = "LastModified"
        case eTag = "ETag"
        case checksumAlgorithm = "ChecksumAlgorithm"
        case size = "Size"
        case owner = "Owner"
        case storageClass = "StorageClass"
    }
}
