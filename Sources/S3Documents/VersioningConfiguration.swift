/// The body of GetBucketVersioning and PutBucketVersioning.
public struct VersioningConfiguration: S3Document, Codable, Equatable {
    public static let rootElement = "VersioningConfiguration"

    /// `Enabled` or `Suspended`; absent for a bucket that never had versioning.
    public var status: String?
    /// `Enabled` or `Disabled`.
    public var mfaDelete: String?

    public init(status: String? = nil, mfaDelete: String? = nil) {
        self.status = status
        self.mfaDelete = mfaDelete
    }

    enum CodingKeys: String, CodingKey {
        case status = "Status"
        case mfaDelete = "MfaDelete"
    }
}
