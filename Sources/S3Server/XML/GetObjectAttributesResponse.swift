/// The response of GetObjectAttributes (`GET /bucket/key?attributes`): only the attributes asked for are present.
struct GetObjectAttributesResponse: S3XMLDocument, Codable, Equatable {
    static let rootElement = "GetObjectAttributesResponse"

    /// Unquoted, unlike everywhere else (as S3 sends it here).
    var etag: String?
    var checksum: Checksum?
    var objectParts: ObjectParts?
    var storageClass: String?
    var objectSize: Int64?

    struct Checksum: Codable, Sendable, Equatable {
        var checksumCRC32: String?
        var checksumCRC32C: String?
        var checksumCRC64NVME: String?
        var checksumSHA1: String?
        var checksumSHA256: String?
        var checksumType: String?

        enum CodingKeys: String, CodingKey {
            case checksumCRC32 = "ChecksumCRC32"
            case checksumCRC32C = "ChecksumCRC32C"
            case checksumCRC64NVME = "ChecksumCRC64NVME"
            case checksumSHA1 = "ChecksumSHA1"
            case checksumSHA256 = "ChecksumSHA256"
            case checksumType = "ChecksumType"
        }
    }

    struct ObjectParts: Codable, Sendable, Equatable {
        var isTruncated: Bool
        var maxParts: Int
        var nextPartNumberMarker: Int?
        var partNumberMarker: Int
        var parts: [Part]
        var partsCount: Int

        enum CodingKeys: String, CodingKey {
            case isTruncated = "IsTruncated"
            case maxParts = "MaxParts"
            case nextPartNumberMarker = "NextPartNumberMarker"
            case partNumberMarker = "PartNumberMarker"
            case parts = "Part"
            case partsCount = "PartsCount"
        }
    }

    struct Part: Codable, Sendable, Equatable {
        var checksumCRC32: String?
        var checksumCRC32C: String?
        var checksumCRC64NVME: String?
        var checksumSHA1: String?
        var checksumSHA256: String?
        var partNumber: Int
        var size: Int64

        enum CodingKeys: String, CodingKey {
            case checksumCRC32 = "ChecksumCRC32"
            case checksumCRC32C = "ChecksumCRC32C"
            case checksumCRC64NVME = "ChecksumCRC64NVME"
            case checksumSHA1 = "ChecksumSHA1"
            case checksumSHA256 = "ChecksumSHA256"
            case partNumber = "PartNumber"
            case size = "Size"
        }
    }

    enum CodingKeys: String, CodingKey {
        case etag = "ETag"
        case checksum = "Checksum"
        case objectParts = "ObjectParts"
        case storageClass = "StorageClass"
        case objectSize = "ObjectSize"
    }
}
