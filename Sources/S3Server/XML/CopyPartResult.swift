import Foundation

/// The response of UploadPartCopy.
struct CopyPartResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "CopyPartResult"

    /// Already quoted.
    var eTag: String
    var lastModified: Date

    enum CodingKeys: String, CodingKey {
        case eTag = "ETag"
        case lastModified = "LastModified"
    }
}
