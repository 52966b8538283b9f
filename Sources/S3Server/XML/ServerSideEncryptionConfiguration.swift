/// The body of GetBucketEncryption and PutBucketEncryption, in the S3 or the OBS namespace.
struct ServerSideEncryptionConfiguration: S3XMLDocument, Codable, Equatable {
    static let rootElement = "ServerSideEncryptionConfiguration"

    var rules: [Rule]

    struct Rule: Codable, Sendable, Equatable {
        var applyServerSideEncryptionByDefault: EncryptionByDefault
        var bucketKeyEnabled: Bool?

        enum CodingKeys: String, CodingKey {
            case applyServerSideEncryptionByDefault = "ApplyServerSideEncryptionByDefault"
            case bucketKeyEnabled = "BucketKeyEnabled"
        }
    }

    /// The `ApplyServerSideEncryptionByDefault` element.
    struct EncryptionByDefault: Codable, Sendable, Equatable {
        /// `AES256` or `aws:kms` (S3), `AES256` or `kms` (OBS).
        var sseAlgorithm: String
        var kmsMasterKeyId: String?

        enum CodingKeys: String, CodingKey {
            case sseAlgorithm = "SSEAlgorithm"
            case kmsMasterKeyId = "KMSMasterKeyID"
        }
    }

    enum CodingKeys: String, CodingKey {
        case rules = "Rule"
    }
}
