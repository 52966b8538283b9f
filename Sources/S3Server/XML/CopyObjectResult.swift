import Foundation

/// The response of CopyObject (`PUT` with `x-amz-copy-source`).
struct CopyObjectResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "CopyObjectResult"

    /// Already quoted.
    var etag: String
    var lastModified: Date
    var checksumCRC32: String?
    var checksumCRC32C: String?
    var checksumCRC64NVME: String?
    var checksumSHA1: String?
    var checksumSHA256: String?
    var checksumType: String?

    enum CodingKeys: String, CodingKey {
        case etag = "ETag"
        case lastModified = "LastModified"
        case checksumCRC32 = "ChecksumCRC32"
        case checksumCRC32C = "ChecksumCRC32C"
        case checksumCRC64NVME = "ChecksumCRC64NVME"
        case checksumSHA1 = "ChecksumSHA1"
        case checksumSHA256 = "ChecksumSHA256"
        case checksumType = "ChecksumType"
    }
}
