/// The body of GetBucketVersioning and PutBucketVersioning.
struct VersioningConfiguration: S3XMLDocument, Codable, Equatable {
    static let rootElement = "VersioningConfiguration"

    /// `Enabled` or `Suspended`; absent for a bucket that never had versioning.
    var status: String?
    /// `Enabled` or `Disabled`.
    var mfaDelete: String?

    enum CodingKeys: String, CodingKey {
        case status = "Status"
        case mfaDelete = "MfaDelete"
    }
}
