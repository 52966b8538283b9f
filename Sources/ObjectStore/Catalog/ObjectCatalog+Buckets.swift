import Foundation
import GRDB

/// Buckets: their records (owner, ACL, policy, versioning, default encryption) and their configuration documents.
extension ObjectCatalog {
    /// - Throws: BucketAlreadyOwnedByYou when `record.owner` has the bucket already, BucketAlreadyExists when someone else does.
    func createBucket(_ record: BucketRecord) async throws {
        try await writer.write { db in
            if let existing = try BucketRecord.fetchOne(db, key: record.name) {
                guard existing.owner == record.owner else {
                    throw StoreError(
                        .bucketAlreadyExists,
                        "The requested bucket name is not available. The bucket namespace is shared by all users of the system. "
                            + "Please select a different name and try again.",
                        resource: record.name
                    )
                }
                throw StoreError(
                    .bucketAlreadyOwnedByYou,
                    "Your previous request to create the named bucket succeeded and you already own it",
                    resource: record.name
                )
            }
            try record.insert(db)
        }
    }

    /// From the bucket cache when it has it; else one statement, which SQLite runs in a snapshot of its own: no
    /// transaction around it (`unsafeRead`), which saved every request three statements and a schema check.
    /// - Throws: NoSuchBucket.
    func bucket(_ name: String) async throws -> Bucket {
        if let cached = bucketCache.bucket(name) { return cached }
        let generation = bucketCache.generation
        let bucket = try await pointRead { db in try Self.fetchBucket(db, name).bucket }
        bucketCache.store(bucket, readAt: generation)
        return bucket
    }

    /// Sorted by name; only those of `owner` when given.
    func buckets(owner: String?) async throws -> [Bucket] {
        try await writer.read { db in
            var request = BucketRecord.order(BucketRecord.Columns.name)
            if let owner { request = request.filter(BucketRecord.Columns.owner == owner) }
            return try request.fetchAll(db).map(\.bucket)
        }
    }

    /// Deletes an empty bucket with its pending uploads.
    /// - Returns: the blob ids of the deleted uploads' parts.
    /// - Throws: NoSuchBucket; BucketNotEmpty while any version or delete marker remains.
    func deleteBucket(_ name: String) async throws -> [String] {
        try await writer.write { db in
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
    }

    /// Changes a bucket's record in one transaction; `change` may throw to refuse the change.
    /// - Throws: NoSuchBucket, or what `change` throws.
    func updateBucket(_ name: String, _ change: @escaping @Sendable (inout BucketRecord) throws -> Void) async throws {
        try await writer.write { db in
            var record = try Self.fetchBucket(db, name)
            try change(&record)
            try record.update(db)
        }
    }

    /// Gives the buckets made before buckets had owners to `owner`.
    func assignOwnerlessBuckets(to owner: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE bucket SET owner = ? WHERE owner IS NULL", arguments: [owner])
        }
    }

    // MARK: Configuration documents

    /// The bucket's document of `kind`, or nil when it has none.
    /// - Throws: NoSuchBucket.
    func bucketConfiguration(_ bucket: String, _ kind: BucketConfigurationKind) async throws -> String? {
        try await writer.read { db in
            _ = try Self.fetchBucket(db, bucket)
            return try String.fetchOne(
                db,
                sql: "SELECT document FROM bucketConfiguration WHERE bucket = ? AND kind = ?",
                arguments: [bucket, kind.rawValue]
            )
        }
    }

    /// Sets (or with nil, deletes) the bucket's document of `kind`.
    /// - Throws: NoSuchBucket.
    func setBucketConfiguration(_ bucket: String, _ kind: BucketConfigurationKind, _ document: String?, at date: Date) async throws {
        try await writer.write { db in
            _ = try Self.fetchBucket(db, bucket)
            guard let document else {
                try db.execute(sql: "DELETE FROM bucketConfiguration WHERE bucket = ? AND kind = ?", arguments: [bucket, kind.rawValue])
                return
            }
            try db.execute(
                sql: """
                    INSERT INTO bucketConfiguration (bucket, kind, document, updatedAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT (bucket, kind) DO UPDATE SET document = excluded.document, updatedAt = excluded.updatedAt
                    """,
                arguments: [bucket, kind.rawValue, document, date.timeIntervalSinceReferenceDate]
            )
        }
    }

    /// Every bucket's document of `kind`, by bucket name.
    func bucketConfigurations(_ kind: BucketConfigurationKind) async throws -> [(bucket: String, document: String)] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT bucket, document FROM bucketConfiguration WHERE kind = ? ORDER BY bucket",
                arguments: [kind.rawValue]
            ).map { (bucket: $0["bucket"], document: $0["document"]) }
        }
    }

    /// A prepared statement of the connection's cache: every request reads its bucket, and compiling the statement
    /// again each time was a tenth of a GET.
    static func fetchBucket(_ db: Database, _ name: String) throws -> BucketRecord {
        let statement = try db.cachedStatement(sql: "SELECT * FROM bucket WHERE name = ?")
        guard let bucket = try BucketRecord.fetchOne(statement, arguments: [name]) else { throw StoreError.noSuchBucket(name) }
        return bucket
    }
}
