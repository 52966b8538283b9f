import Foundation

extension ObjectStore {
    /// Creates a bucket owned by `owner` (default: the store's owner) with an ACL document (nil: private).
    /// - Parameters:
    ///   - objectLock: enables Object Lock (no default retention), and with it versioning, as S3 does.
    ///   - fileSystem: makes an OBS parallel file system, which has no Object Lock (InvalidRequest with both).
    /// - Throws: BucketAlreadyOwnedByYou when `owner` has it already, BucketAlreadyExists when someone else does.
    public func createBucket(
        _ name: String,
        owner: String? = nil,
        acl: String? = nil,
        objectLock: Bool = false,
        fileSystem: Bool = false
    ) async throws -> Bucket {
        try BucketName.validate(name)
        if objectLock && fileSystem {
            throw StoreError(.invalidRequest, "A parallel file system cannot have WORM (Object Lock) enabled", resource: name)
        }
        let record = BucketRecord(
            name: name,
            creationDate: Date(),
            versioning: objectLock ? .enabled : .unversioned,
            owner: owner ?? self.owner,
            acl: acl,
            objectLock: objectLock ? BucketObjectLock() : nil,
            isFileSystem: fileSystem
        )
        try await catalog.createBucket(record)
        return record.bucket
    }

    public func bucket(_ name: String) async throws -> Bucket {
        try await catalog.bucket(name)
    }

    /// Sorted by name; only those of `owner` when given.
    public func listBuckets(owner: String? = nil) async throws -> [Bucket] {
        try await catalog.buckets(owner: owner)
    }

    /// BucketNotEmpty while any version or delete marker remains; pending multipart uploads are aborted.
    public func deleteBucket(_ name: String) async throws {
        let partBlobs = try await catalog.deleteBucket(name)
        removeBlobs(partBlobs)
    }

    /// A bucket can be enabled or suspended; it never goes back to unversioned, and one with Object Lock stays enabled.
    public func setVersioning(_ bucket: String, _ status: VersioningStatus) async throws {
        try await catalog.updateBucket(bucket) { record in
            if record.isFileSystem && status != .unversioned {
                throw StoreError(.invalidRequest, "A parallel file system does not support versioning", resource: bucket)
            }
            if record.objectLock != nil && status != .enabled {
                throw StoreError(
                    .invalidBucketState,
                    "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.",
                    resource: bucket
                )
            }
            if status == .unversioned && record.versioning != .unversioned {
                throw StoreError(.invalidArgument, "Versioning can only be Enabled or Suspended once enabled", resource: bucket)
            }
            record.versioning = status
        }
    }

    /// Sets (or with nil, deletes) the bucket's default encryption. Objects already written keep theirs.
    public func setBucketEncryption(_ bucket: String, _ encryption: BucketEncryption?) async throws {
        try await catalog.updateBucket(bucket) { $0.defaultEncryption = encryption }
    }
}
