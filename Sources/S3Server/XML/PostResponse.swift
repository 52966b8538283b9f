/// The body of a browser POST upload answered with `success_action_status=201`.
struct PostResponse: S3XMLDocument, Codable, Equatable {
    static let rootElement = "PostResponse"

    var location: String
    var bucket: String
    var key: String
    /// Quoted, as in the `ETag` header.
    var etag: String

    enum CodingKeys: String, CodingKey {
        case location = "Location"
        case bucket = "Bucket"
        case key = "Key"
        case etag = "ETag"
    }
}
