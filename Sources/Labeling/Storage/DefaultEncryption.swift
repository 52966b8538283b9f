import Foundation

/// A bucket's default encryption as the storage reports it: what a new object without encryption headers gets.
public struct DefaultEncryption: Sendable, Hashable {
    public enum Algorithm: String, Sendable, Hashable {
        /// Server-managed keys (SSE-S3, SSE-OBS): any principal allowed to read the bucket reads the objects.
        case aes256 = "AES256"
        /// A KMS key (SSE-KMS): only principals the key allows read the objects.
        case kms = "aws:kms"
    }

    public var algorithm: Algorithm
    /// The KMS key as configured (id, alias or ARN); nil for the default key, `obs/default`.
    public var kmsKeyId: String?
    /// When the configuration was set, when the storage tells it.
    public var since: Date?

    public init(algorithm: Algorithm, kmsKeyId: String? = nil, since: Date? = nil) {
        self.algorithm = algorithm
        self.kmsKeyId = kmsKeyId
        self.since = since
    }
}

/// A KMS key's id and aliases (`obs/default`).
public struct KeyDescription: Sendable, Hashable {
    public var id: String
    public var aliases: [String]

    public init(id: String, aliases: [String]) {
        self.id = id
        self.aliases = aliases
    }
}
