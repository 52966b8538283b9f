import Foundation

/// The response of ListParts (`GET /bucket/key?uploadId=…`).
struct ListPartsResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "ListPartsResult"

    var bucket: String
    var key: String
    var uploadId: String
    var partNumberMarker: Int
    /// Present when the listing is truncated.
    var nextPartNumberMarker: Int?
    var maxParts: Int
    var isTruncated: Bool
    var parts: [Part] = []
    var initiator: Owner
    var owner: Owner
    var storageClass: String = "STANDARD"
    /// The upload's flexible checksum algorithm and type, when it was created with one.
    var checksumAlgorithm: String?
    var checksumType: String?

    struct Part: Codable, Sendable, Equatable {
        var partNumber: Int
        var lastModified: Date
        /// Already quoted.
        var etag: String
        var size: Int64
        var checksumCRC32: String?
        var checksumCRC32C: String?
        var checksumCRC64NVME: String?
        var checksumSHA1: String?
        var checksumSHA256: String?

        enum CodingKeys: String, CodingKey {
            case partNumber = "PartNumber"
            case lastModified = "LastModified"
            case etag = "ETag"
            case size = "Size"
            case checksumCRC32 = "ChecksumCRC32"
            case checksumCRC32C = "ChecksumCRC32C"
            case checksumCRC64NVME = "ChecksumCRC64NVME"
            case checksumSHA1 = "ChecksumSHA1"
            case checksumSHA256 = "ChecksumSHA256"
        }
    }

    enum CodingKeys: String, CodingKey {
        case bucket = "Bucket"
        case key = "Key"
        case uploadId = "UploadId"
        case partNumberMarker = "PartNumberMarker"
        case nextPartNumberMarker = "NextPartNumberMarker"
        case maxParts = "MaxParts"
        case isTruncated = "IsTruncated"
        case parts = "Part"
        case initiator = "Initiator"
        case owner = "Owner"
        case storageClass = "StorageClass"
        case checksumAlgorithm = "ChecksumAlgorithm"
        case checksumType = "ChecksumType"
    }
}
