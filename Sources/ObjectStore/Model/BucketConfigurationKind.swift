/// A configuration document a bucket may carry, kept opaque by the store: the S3 layer writes and reads it.
public enum BucketConfigurationKind: String, Sendable, CaseIterable {
    /// The bucket's tags (`?tagging`).
    case tagging
    /// The CORS rules (`?cors`) that preflight and actual requests are answered by.
    case cors
    /// The lifecycle rules (`?lifecycle`) the lifecycle task applies.
    case lifecycle
}
