import Foundation

/// The bucket's configuration documents (tags, CORS, lifecycle): stored as given, one per kind, deleted with the bucket.
extension ObjectStore {
    /// The bucket's document of `kind`, or nil when it has none.
    /// - Throws: NoSuchBucket.
    public func bucketConfiguration(_ bucket: String, _ kind: BucketConfigurationKind) async throws -> String? {
        try await catalog.bucketConfiguration(bucket, kind)
    }

    /// Sets (or with nil, deletes) the bucket's document of `kind`.
    /// - Throws: NoSuchBucket.
    public func setBucketConfiguration(_ bucket: String, _ kind: BucketConfigurationKind, _ document: String?) async throws {
        try await catalog.setBucketConfiguration(bucket, kind, document, at: Date())
    }

    /// Every bucket's document of `kind`, by bucket name: what a background task (lifecycle) walks.
    public func bucketConfigurations(_ kind: BucketConfigurationKind) async throws -> [(bucket: String, document: String)] {
        try await catalog.bucketConfigurations(kind)
    }
}
