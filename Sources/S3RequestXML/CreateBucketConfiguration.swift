/// The optional body of CreateBucket.
public struct CreateBucketConfiguration: RequestDocument, Codable, Equatable {
    public static let rootElement = "CreateBucketConfiguration"

    public var locationConstraint: String?

    public init(locationConstraint: String? = nil) {
        self.locationConstraint = locationConstraint
    }

    enum CodingKeys: String, CodingKey {
        case locationConstraint = "LocationConstraint"
    }
}
