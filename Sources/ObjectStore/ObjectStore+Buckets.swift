import Foundation
import GRDB

extension ObjectStore {
    public func createBucket(_ name: String) async throws -> Bucket {
        try BucketName.validate(name)
        let record = BucketRecord(name: name, creationDate: Date(), versioning: .unversioned)
        try await database.write { db in
            if try BucketRecord.exists(db, key: name) {
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

    /// Sorted by name.
    public func listBuckets() async throws -> [Bucket] {
        try await database.read { db in
            try BucketRecord.order(BucketRecord.Columns.name).fetchAll(db).map(\.bucket)
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
