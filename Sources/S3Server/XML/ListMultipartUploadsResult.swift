import Foundation

/// The response of ListMultipartUploads (`GET /bucket?uploads`).
struct ListMultipartUploadsResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "ListMultipartUploadsResult"

    var bucket: String
    var keyMarker: String
    var uploadIdMarker: String
    var nextKeyMarker: String?
    var nextUploadIdMarker: String?
    var prefix: String
    var delimiter: String?
    var maxUploads: Int
    var isTruncated: Bool
    var encodingType: String?
    var uploads: [Upload] = []
    var commonPrefixes: [CommonPrefix] = []

    struct Upload: Codable, Sendable, Equatable {
        var key: String
        var uploadId: String
        var initiator: Owner
        var owner: Owner
        var storageClass: String = "STANDARD"
        var initiated: Date

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case uploadId = "UploadId"
            case initiator = "Initiator"
            case owner = "Owner"
            case storageClass = "StorageClass"
            case initiated = "Initiated"
        }
    }

    enum CodingKeys: String, CodingKey {
        case bucket = "Bucket"
        case keyMarker = "KeyMarker"
        case uploadIdMarker = "UploadIdMarker"
        case nextKeyMarker = "NextKeyMarker"
        case nextUploadIdMarker = "NextUploadIdMarker"
        case prefix = "Prefix"
        case delimiter = "Delimiter"
        case maxUploads = "MaxUploads"
        case isTruncated = "IsTruncated"
        case encodingType = "EncodingType"
        case uploads = "Upload"
        case commonPrefixes = "CommonPrefixes"
    }
}
