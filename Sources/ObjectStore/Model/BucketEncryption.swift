import Foundation

/// A bucket's default encryption: what a new object without encryption headers of its own is encrypted with.
public struct BucketEncryption: Sendable, Hashable, Codable {
    public enum Algorithm: String, Sendable, Hashable, Codable {
        /// Server-managed keys: SSE-S3, SSE-OBS.
        case aes256 = "AES256"
        /// A KMS key: SSE-KMS.
        case kms = "aws:kms"
    }

    public var algorithm: Algorithm
    /// The KMS key (id, alias or ARN) for `.kms`; nil means the default key, `obs/default`.
    public var kmsKeyId: String?
    /// When this configuration was set: objects written before it kept their own encryption.
    public var since: Date

    public init(algorithm: Algorithm, kmsKeyId: String? = nil, since: Date = Date()) {
        self.algorithm = algorithm
        self.kmsKeyId = kmsKeyId
        self.since = since
    }
}
