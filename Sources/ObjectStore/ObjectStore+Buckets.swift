import Foundation
import GRDB

extension ObjectStore {
    /// Creates a bucket owned by `owner` (default: the store's owner) with an ACL document (nil: private).
    /// - Throws: BucketAlreadyOwnedByYou when `owner` has it already, BucketAlreadyExists when someone else does.
    public func createBucket(_ name: String, owner: String? = nil, acl: String? = nil) async throws -> Bucket {
        try BucketName.validate(name)
        let record = BucketRecord(name: name, creationDate: Date(), versioning: .unversioned, owner: owner ?? self.owner, acl: acl)
        try await database.write { db in
            if let existing = try BucketRecord.fetchOne(db, key: name) {
                guard existing.owner == record.owner else {
                    throw StoreError(
                        .bucketAlreadyExists,
                        "The requested bucket name is not available. The bucket namespace is shared by all users of the system. "
                            + "Please select a different name and try again.",
                        resource: name
                    )
                }
                throw StoreError(
                    .bucketAlreadyOwnedByYou,
                    "Your previous request to create the named bucket succeeded and you already own it",
                    resource: name
                )
            }
            try record.insert(db)
        }
        return record.bucket
    }

    public func bucket(_ name: String) async throws -> Bucket {
        try await database.read { db in try Self.fetchBucket(db, name).bucket }
    }

    /// Sorted by name; only those of `owner` when given.
    public func listBuckets(owner: String? = nil) async throws -> [Bucket] {
        try await database.read { db in
            var request = BucketRecord.order(BucketRecord.Columns.name)
            if let owner { request = request.filter(BucketRecord.Columns.owner == owner) }
            return try request.fetchAll(db).map(\.bucket)
        }
    }

    /// BucketNotEmpty while any version or delete marker remains; pending multipart uploads are aborted.
    public func deleteBucket(_ name: String) async throws {
        let partBlobs = try await database.write { db in
            _ = try Self.fetchBucket(db, name)
            if try ObjectVersionRecord.filter(ObjectVersionRecord.Columns.bucket == name).isEmpty(db) == false {
                throw StoreError(.bucketNotEmpty, "The bucket you tried to delete is not empty", resource: name)
            }
            let blobIds = try String.fetchAll(
                db,
                sql: "SELECT blobId FROM uploadPart JOIN multipartUpload USING (uploadId) WHERE bucket = ?",
                arguments: [name]
            )
            try db.execute(sql: "DELETE FROM multipartUpload WHERE bucket = ?", arguments: [name])
            _ = try BucketRecord.deleteOne(db, key: name)
            return blobIds
        }
        removeBlobs(partBlobs)
    }

    /// A bucket can be enabled or suspended; it never goes back to unversioned.
    public func setVersioning(_ bucket: String, _ status: VersioningStatus) async throws {
        try await database.write { db in
            var record = try Self.fetchBucket(db, bucket)
            if status == .unversioned && record.versioning != .unversioned {
                throw StoreError(.invalidArgument, "Versioning can only be Enabled or Suspended once enabled", resource: bucket)
            }
            record.versioning = status
            try record.update(db)
        }
    }

    /// Sets (or with nil, deletes) the bucket's default encryption. Objects already written keep theirs.
    public func setBucketEncryption(_ bucket: String, _ encryption: BucketEncryption?) async throws {
        try await database.write { db in
            var record = try Self.fetchBucket(db, bucket)
            record.defaultEncryption = encryption
            try record.update(db)
        }
    }
}
