/// The response of GetBucketLocation: the region as text, empty for `us-east-1`.
struct LocationConstraint: S3XMLDocument, Codable, Equatable {
    static let rootElement = "LocationConstraint"

    var region: String?

    enum CodingKeys: String, CodingKey {
        case region = ""
    }
}
