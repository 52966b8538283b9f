/// The optional body of CreateBucket.
struct CreateBucketConfiguration: S3XMLDocument, Codable, Equatable {
    static let rootElement = "CreateBucketConfiguration"

    var locationConstraint: String?

    enum CodingKeys: String, CodingKey {
        case locationConstraint = "LocationConstraint"
    }
}
