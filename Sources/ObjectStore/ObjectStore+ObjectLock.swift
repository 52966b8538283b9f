import Foundation

/// Object Lock (OBS's WORM): the bucket's configuration and the retention and legal hold of each version. The retention a
/// write asks for travels in its `ObjectAttributes`; the bucket's default is applied when the version is published, and
/// deletion of a protected version is refused in the transaction that would remove it.
extension ObjectStore {
    /// Enables Object Lock on a bucket whose versioning is enabled, or replaces its default retention.
    /// - Throws: NoSuchBucket; InvalidBucketState unless versioning is enabled.
    public func setObjectLock(_ bucket: String, _ configuration: BucketObjectLock) async throws {
        try await catalog.setObjectLock(bucket, configuration)
    }

    /// Sets (nil: removes) the retention of the latest version of `key`, or of `versionId`. A retention in force can
    /// only be extended in its mode, unless it is GOVERNANCE and `bypassGovernance` is set.
    /// - Returns: the version as it is now.
    /// - Throws: InvalidRequest on a bucket without Object Lock; AccessDenied for a change the retention forbids; the
    ///   errors of `headObject`.
    public func setRetention(
        bucket: String,
        key: String,
        versionId: String?,
        _ retention: ObjectRetention?,
        bypassGovernance: Bool = false
    ) async throws -> ObjectVersion {
        try await catalog.setRetention(bucket: bucket, key: key, versionId: versionId, retention, bypassGovernance: bypassGovernance, at: Date())
    }

    /// Places (true) or removes the legal hold of the latest version of `key`, or of `versionId`.
    /// - Throws: InvalidRequest on a bucket without Object Lock; the errors of `headObject`.
    public func setLegalHold(bucket: String, key: String, versionId: String?, _ on: Bool) async throws -> ObjectVersion {
        try await catalog.setLegalHold(bucket: bucket, key: key, versionId: versionId, on)
    }
}
