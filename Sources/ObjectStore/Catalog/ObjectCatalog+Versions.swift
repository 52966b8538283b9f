import Foundation
import GRDB

/// Object versions and delete markers, by S3's versioning rules.
extension ObjectCatalog {
    /// Inserts `record` as the latest version of its key, by the bucket's versioning rules, if `condition` holds.
    /// - Returns: the version, and the blob ids of the version it replaced (deleted by the caller after the commit).
    /// - Throws: NoSuchBucket; PreconditionFailed (or NoSuchKey for `ifMatch` on a missing key) when `condition` does not hold.
    func publish(_ record: ObjectVersionRecord, condition: WriteCondition?) async throws -> (version: ObjectVersion, replaced: [String]) {
        try await writer.write { db in
            var record = record
            let bucket = try Self.fetchBucket(db, record.bucket)
            if let condition { try Self.check(condition, bucket: record.bucket, key: record.key, db) }
            try Self.applyObjectLock(&record, bucket: bucket)
            let replaced = try Self.insertLatest(&record, versioning: bucket.versioning, db)
            return (record.version, replaced)
        }
    }

    /// The latest version, or the given one.
    /// - Throws: NoSuchBucket; NoSuchKey when the latest is missing or a delete marker (with `deleteMarkerVersionId`),
    ///   NoSuchVersion for an unknown `versionId`, MethodNotAllowed when `versionId` names a delete marker.
    /// Outside a transaction, as `bucket(_:)`: the version is one statement; only when it is missing does a second one
    /// tell a missing bucket from a missing key.
    func version(bucket: String, key: String, versionId: String?) async throws -> ObjectVersion {
        try await pointRead { db in try Self.fetchReadable(db, bucket: bucket, key: key, versionId: versionId).version }
    }

    /// Changes the latest version of `key`, or `versionId`, in one transaction (its ACL, its tags).
    /// - Returns: the version as it is now.
    /// - Throws: the errors of `version(bucket:key:versionId:)`.
    func updateVersion(
        bucket: String,
        key: String,
        versionId: String?,
        _ change: @escaping @Sendable (inout ObjectVersionRecord) -> Void
    ) async throws -> ObjectVersion {
        try await writer.write { db in
            var record = try Self.fetchReadable(db, bucket: bucket, key: key, versionId: versionId)
            change(&record)
            try record.update(db)
            return record.version
        }
    }

    /// S3 DELETE: without a version id, removes the object (unversioned) or adds a delete marker made at `date`
    /// (enabled: a new id; suspended: "null", replacing the null version). With one, removes that version for good and
    /// promotes the next newest. Deleting something that does not exist succeeds.
    /// - Parameter bypassGovernance: the caller asked, and may, to delete a version under GOVERNANCE retention.
    /// - Returns: what was deleted, and the blob ids no version refers to any more.
    /// - Throws: AccessDenied when Object Lock protects the version (a delete marker can always be added).
    func deleteObject(
        bucket: String,
        key: String,
        versionId: String?,
        bypassGovernance: Bool,
        at date: Date
    ) async throws -> (DeletionResult, removed: [String]) {
        try await writer.write { db -> (DeletionResult, [String]) in
            let bucketRecord = try Self.fetchBucket(db, bucket)
            if let versionId {
                guard let record = try Self.fetchVersion(db, bucket: bucket, key: key, versionId: versionId) else {
                    return (DeletionResult(versionId: versionId, isDeleteMarker: false), [])
                }
                try Self.checkRemovable(record, bypassGovernance: bypassGovernance, at: date)
                try Self.deleteForGood(record, db)
                return (DeletionResult(versionId: record.versionId, isDeleteMarker: record.isDeleteMarker), record.blobId.map { [$0] } ?? [])
            }
            if bucketRecord.versioning == .unversioned {
                let removed = try String?.fetchAll(
                    db,
                    sql: "DELETE FROM objectVersion WHERE bucket = ? AND key = ? RETURNING blobId",
                    arguments: [bucket, key]
                ).compactMap { $0 }
                return (DeletionResult(versionId: nil, isDeleteMarker: false), removed)
            }
            var marker = ObjectVersionRecord(bucket: bucket, key: key, versionId: "", isDeleteMarker: true, lastModified: date)
            let removed = try Self.insertLatest(&marker, versioning: bucketRecord.versioning, db)
            return (DeletionResult(versionId: marker.versionId, isDeleteMarker: true), removed)
        }
    }

    /// Applies a lifecycle `expiration` to `version` if it is still what the rule saw; a delete marker it adds is made at
    /// `date`, and Object Lock is judged at `now`.
    /// A version Object Lock protects is never removed for good (S3's lifecycle leaves it until its retention ends).
    /// - Returns: false when the version changed or went meanwhile, or is locked (nothing is done then), and the blob ids
    ///   no version refers to any more.
    func expire(
        _ version: ObjectVersion,
        _ expiration: ObjectStore.Expiration,
        at date: Date,
        lockedAt now: Date
    ) async throws -> (done: Bool, removed: [String]) {
        try await writer.write { db -> (Bool, [String]) in
            let bucket = try Self.fetchBucket(db, version.bucket)
            guard let record = try ObjectVersionRecord.fetchOne(db, key: version.sequence) else { return (false, []) }
            switch expiration {
            case .current:
                guard record.isLatest, !record.isDeleteMarker else { return (false, []) }
                if bucket.versioning == .unversioned {
                    _ = try record.delete(db)
                    return (true, record.blobId.map { [$0] } ?? [])
                }
                var marker = ObjectVersionRecord(bucket: version.bucket, key: version.key, versionId: "", isDeleteMarker: true, lastModified: date)
                return (true, try Self.insertLatest(&marker, versioning: bucket.versioning, db))
            case .permanent:
                if record.attributes.isLocked(at: now) { return (false, []) }
                try Self.deleteForGood(record, db)
                return (true, record.blobId.map { [$0] } ?? [])
            }
        }
    }

    /// The ids of every blob a version or a part refers to.
    func referencedBlobIds() async throws -> Set<String> {
        try await writer.read { db in
            var ids = Set(try String.fetchAll(db, sql: "SELECT blobId FROM objectVersion WHERE blobId IS NOT NULL"))
            ids.formUnion(try String.fetchAll(db, sql: "SELECT blobId FROM uploadPart"))
            return ids
        }
    }

    // MARK: Statements shared by the catalog's transactions

    static func check(_ condition: WriteCondition, bucket: String, key: String, _ db: Database) throws {
        let current = try fetchLatest(db, bucket: bucket, key: key).flatMap { $0.isDeleteMarker ? nil : $0 }
        let failed = StoreError(.preconditionFailed, "At least one of the pre-conditions you specified did not hold", resource: "\(bucket)/\(key)")
        switch condition {
        case .ifNoneMatch:
            if current != nil { throw failed }
        case .ifMatch(let expected):
            guard let current else { throw StoreError(.noSuchKey, "The specified key does not exist", resource: "\(bucket)/\(key)") }
            if expected != "*" && expected != current.etag { throw failed }
        }
    }

    /// Makes `record` the latest version of its key. Unless versioning is enabled it replaces the "null" version,
    /// whose blob id is returned so that the caller deletes the file after the commit.
    static func insertLatest(_ record: inout ObjectVersionRecord, versioning: VersioningStatus, _ db: Database) throws -> [String] {
        var replaced: [String] = []
        if versioning == .enabled {
            record.versionId = Identifiers.version(at: record.lastModified)
        } else {
            record.versionId = "null"
            replaced = try String?.fetchAll(
                db,
                sql: "DELETE FROM objectVersion WHERE bucket = ? AND key = ? AND versionId = 'null' RETURNING blobId",
                arguments: [record.bucket, record.key]
            ).compactMap { $0 }
        }
        if versioning != .unversioned {
            try db.execute(
                sql: "UPDATE objectVersion SET isLatest = 0 WHERE bucket = ? AND key = ? AND isLatest",
                arguments: [record.bucket, record.key]
            )
        }
        record.isLatest = true
        try record.insert(db)
        return replaced
    }

    /// Removes a version or delete marker for good; when it was the latest, the next newest becomes the latest.
    private static func deleteForGood(_ record: ObjectVersionRecord, _ db: Database) throws {
        _ = try record.delete(db)
        if record.isLatest { try promoteNewestVersion(bucket: record.bucket, key: record.key, db) }
    }

    /// The latest version, or the given one, that a read may return.
    static func fetchReadable(_ db: Database, bucket: String, key: String, versionId: String?) throws -> ObjectVersionRecord {
        let resource = "\(bucket)/\(key)"
        if let versionId {
            guard let record = try fetchVersion(db, bucket: bucket, key: key, versionId: versionId) else {
                _ = try fetchBucket(db, bucket)
                throw StoreError(.noSuchVersion, "The specified version does not exist", resource: resource)
            }
            if record.isDeleteMarker {
                throw StoreError(
                    .methodNotAllowed,
                    "The specified method is not allowed against this resource",
                    resource: resource,
                    deleteMarkerVersionId: record.versionId
                )
            }
            return record
        }
        guard let record = try fetchLatest(db, bucket: bucket, key: key) else {
            _ = try fetchBucket(db, bucket)
            throw StoreError(.noSuchKey, "The specified key does not exist", resource: resource)
        }
        if record.isDeleteMarker {
            throw StoreError(.noSuchKey, "The specified key does not exist", resource: resource, deleteMarkerVersionId: record.versionId)
        }
        return record
    }

    static func fetchLatest(_ db: Database, bucket: String, key: String) throws -> ObjectVersionRecord? {
        // Cached, as the bucket's (`fetchBucket`): every GET, HEAD and PUT reads it.
        try ObjectVersionRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM objectVersion WHERE bucket = ? AND key = ? AND isLatest"),
            arguments: [bucket, key]
        )
    }

    /// - Throws: InvalidArgument for a version id this store could never have issued, as S3 does.
    static func fetchVersion(_ db: Database, bucket: String, key: String, versionId: String) throws -> ObjectVersionRecord? {
        guard Identifiers.isWellFormedVersion(versionId) else {
            throw StoreError(.invalidArgument, "Invalid version id specified", resource: "\(bucket)/\(key)")
        }
        return try ObjectVersionRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM objectVersion WHERE bucket = ? AND key = ? AND versionId = ?"),
            arguments: [bucket, key, versionId]
        )
    }
}
