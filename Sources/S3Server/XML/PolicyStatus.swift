/// The response of GetBucketPolicyStatus (`GET ?policyStatus`).
struct PolicyStatus: S3XMLDocument, Codable, Equatable {
    static let rootElement = "PolicyStatus"

    var isPublic: Bool

    enum CodingKeys: String, CodingKey {
        case isPublic = "IsPublic"
    }
}
