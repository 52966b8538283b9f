import Foundation

/// Object tags: set on a version after it was written (PutObjectTagging, DeleteObjectTagging). Tags given with the write
/// travel in its `ObjectAttributes`.
extension ObjectStore {
    /// Replaces the tags of the latest version of `key`, or of `versionId` (an empty set deletes them).
    /// - Returns: the version as it is now.
    /// - Throws: the errors of `headObject` for a missing key or version, or a delete marker.
    public func setObjectTags(bucket: String, key: String, versionId: String?, _ tags: [String: String]) async throws -> ObjectVersion {
        try await catalog.updateVersion(bucket: bucket, key: key, versionId: versionId) { $0.attributes.tags = tags }
    }
}
