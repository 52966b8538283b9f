/// The body of GetBucketEncryption and PutBucketEncryption, in the S3 or the OBS namespace.
public struct ServerSideEncryptionConfiguration: S3Document, Codable, Equatable {
    public static let rootElement = "ServerSideEncryptionConfiguration"

    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    public struct Rule: Codable, Sendable, Equatable {
        public var applyServerSideEncryptionByDefault: EncryptionByDefault
        public var bucketKeyEnabled: Bool?

        public init(applyServerSideEncryptionByDefault: EncryptionByDefault, bucketKeyEnabled: Bool? = nil) {
            self.applyServerSideEncryptionByDefault = applyServerSideEncryptionByDefault
            self.bucketKeyEnabled = bucketKeyEnabled
        }

        enum CodingKeys: String, CodingKey {
            case applyServerSideEncryptionByDefault = "ApplyServerSideEncryptionByDefault"
            case bucketKeyEnabled = "BucketKeyEnabled"
        }
    }

    /// The `ApplyServerSideEncryptionByDefault` element.
    public struct EncryptionByDefault: Codable, Sendable, Equatable {
        /// `AES256` or `aws:kms` (S3), `AES256` or `kms` (OBS).
        public var sseAlgorithm: String
        public var kmsMasterKeyId: String?

        public init(sseAlgorithm: String, kmsMasterKeyId: String? = nil) {
            self.sseAlgorithm = sseAlgorithm
            self.kmsMasterKeyId = kmsMasterKeyId
        }

        enum CodingKeys: String, CodingKey {
            case sseAlgorithm = "SSEAlgorithm"
            case kmsMasterKeyId = "KMSMasterKeyID"
        }
    }

    enum CodingKeys: String, CodingKey {
        case rules = "Rule"
    }
}
