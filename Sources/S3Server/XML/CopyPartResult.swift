import Foundation

/// The response of UploadPartCopy.
struct CopyPartResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "CopyPartResult"

    /// Already quoted.
    var etag: String
    var lastModified: Date

    enum CodingKeys: String, CodingKey {
        case etag = "ETag"
        case lastModified = "LastModified"
    }
}
