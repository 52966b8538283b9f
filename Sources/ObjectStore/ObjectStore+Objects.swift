import Foundation
import GRDB
import KeyManagement
import NIOCore

extension ObjectStore {
    /// Streams a request body into `staging/` as plaintext (size, MD5, fsync). Nothing is visible until it is published.
    /// If the body throws (a client that went away), the staged file is removed and the error rethrown.
    /// `stage(_:encryption:principal:)` encrypts instead.
    public func stage<Body: AsyncSequence>(_ body: Body) async throws -> StagedBlob where Body.Element == ByteBuffer {
        let staged = try await blobs.stage(body)
        return StagedBlob(id: staged.id, size: staged.size, md5: staged.md5, encryption: nil)
    }

    public func discard(_ staged: StagedBlob) async {
        blobs.discard(staged.id)
    }

    /// Publishes a staged body as the latest version of `key`. The staged blob is consumed: on failure it is discarded.
    /// - Parameters:
    ///   - owner: the principal writing it (nil: the bucket's owner).
    ///   - acl: the version's ACL document (nil: private).
    /// - Throws: PreconditionFailed (or NoSuchKey for `ifMatch` on a missing key) when `condition` does not hold.
    public func putObject(
        bucket: String,
        key: String,
        staged: StagedBlob,
        attributes: ObjectAttributes,
        condition: WriteCondition? = nil,
        owner: String? = nil,
        acl: String? = nil
    ) async throws -> ObjectVersion {
        do {
            try StoreError.checkKey(key, bucket: bucket)
            let record = ObjectVersionRecord(
                bucket: bucket,
                key: key,
                versionId: "",
                size: staged.size,
                etag: staged.md5Hex,
                lastModified: Date(),
                blobId: staged.id,
                attributes: attributes,
                encryption: try staged.objectEnvelope(),
                owner: owner,
                acl: acl
            )
            return try await publish(record, condition: condition)
        } catch {
            blobs.discard(staged.id)
            throw error
        }
    }

    /// Copies a version to `bucket/key` with new attributes. A plaintext copy of a plaintext version hard-links (or copies)
    /// the immutable blob; otherwise the source is decrypted for `sourceAccess` and the copy encrypted as `encryption`
    /// asks, streaming, so a copy is how data moves between encryption settings. The copy belongs to `owner` (nil: the
    /// bucket's owner) with the ACL document `acl` (nil: private), as a new object does.
    public func copyObject(
        source: ObjectVersion,
        bucket: String,
        key: String,
        attributes: ObjectAttributes,
        sourceAccess: ReadAccess,
        encryption: EncryptionRequest? = nil,
        owner: String? = nil,
        acl: String? = nil
    ) async throws -> ObjectVersion {
        try StoreError.checkKey(key, bucket: bucket)
        guard let sourceBlob = source.blobId else {
            throw StoreError(.invalidArgument, "The source of a copy cannot be a delete marker", resource: "\(source.bucket)/\(source.key)")
        }
        let blobId: String
        let envelope: EncryptionEnvelope?
        if source.encryption != nil || encryption != nil || sourceAccess.customerKey != nil {
            let staged = try await stage(read(source, access: sourceAccess), encryption: encryption, principal: sourceAccess.principal)
            (blobId, envelope) = (staged.id, try staged.objectEnvelope())
        } else {
            (blobId, envelope) = (try await blobs.clone(sourceBlob), nil)
        }
        do {
            // The bytes are the source's, and so are the ETag and part sizes (S3 keeps a multipart ETag across a copy).
            let record = ObjectVersionRecord(
                bucket: bucket,
                key: key,
                versionId: "",
                size: source.size,
                etag: source.etag,
                lastModified: Date(),
                blobId: blobId,
                partSizes: source.partSizes,
                attributes: attributes,
                encryption: envelope,
                owner: owner,
                acl: acl
            )
            return try await publish(record)
        } catch {
            blobs.discard(blobId)
            throw error
        }
    }

    /// Inserts a version whose blob is in `staging/` under `record.blobId`, by the bucket's versioning rules,
    /// moves the blob into `blobs/` inside the transaction, and deletes the blob it replaced after the commit.
    func publish(_ record: ObjectVersionRecord, condition: WriteCondition? = nil) async throws -> ObjectVersion {
        let (version, replaced) = try await database.write { db in
            var record = record
            let bucket = try Self.fetchBucket(db, record.bucket)
            if let condition { try Self.check(condition, bucket: record.bucket, key: record.key, db) }
            let replaced = try Self.insertLatest(&record, versioning: bucket.versioning, db)
            if let blobId = record.blobId { try self.blobs.publish(blobId) }
            return (record.version, replaced)
        }
        removeBlobs(replaced)
        return version
    }

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

    /// The latest version, or the given one.
    /// - Throws: NoSuchKey when the latest is missing or a delete marker (with `deleteMarkerVersionId`),
    ///   NoSuchVersion for an unknown `versionId`, MethodNotAllowed when `versionId` names a delete marker.
    public func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectVersion {
        try await database.read { db in
            let resource = "\(bucket)/\(key)"
            if let versionId {
                guard let record = try Self.fetchVersion(db, bucket: bucket, key: key, versionId: versionId) else {
                    _ = try Self.fetchBucket(db, bucket)
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
                return record.version
            }
            guard let record = try Self.fetchLatest(db, bucket: bucket, key: key) else {
                _ = try Self.fetchBucket(db, bucket)
                throw StoreError(.noSuchKey, "The specified key does not exist", resource: resource)
            }
            if record.isDeleteMarker {
                throw StoreError(.noSuchKey, "The specified key does not exist", resource: resource, deleteMarkerVersionId: record.versionId)
            }
            return record.version
        }
    }


    /// S3 DELETE: without a version id, removes the object (unversioned) or adds a delete marker (enabled: a new id;
    /// suspended: "null", replacing the null version). With one, removes that version for good and promotes the next newest.
    /// Deleting something that does not exist succeeds.
    public func deleteObject(bucket: String, key: String, versionId: String?) async throws -> DeletionResult {
        try StoreError.checkKey(key, bucket: bucket)
        let now = Date()
        let (result, removed) = try await database.write { db -> (DeletionResult, [String]) in
            let bucketRecord = try Self.fetchBucket(db, bucket)
            if let versionId {
                guard let record = try Self.fetchVersion(db, bucket: bucket, key: key, versionId: versionId) else {
                    return (DeletionResult(versionId: versionId, isDeleteMarker: false), [])
                }
                _ = try record.delete(db)
                if record.isLatest {
                    try db.execute(
                        sql: """
                            UPDATE objectVersion SET isLatest = 1 WHERE id = (
                                SELECT id FROM objectVersion WHERE bucket = ? AND key = ? ORDER BY id DESC LIMIT 1)
                            """,
                        arguments: [bucket, key]
                    )
                }
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
            var marker = ObjectVersionRecord(bucket: bucket, key: key, versionId: "", isDeleteMarker: true, lastModified: now)
            let removed = try Self.insertLatest(&marker, versioning: bucketRecord.versioning, db)
            return (DeletionResult(versionId: marker.versionId, isDeleteMarker: true), removed)
        }
        removeBlobs(removed)
        return result
    }

    static func fetchLatest(_ db: Database, bucket: String, key: String) throws -> ObjectVersionRecord? {
        try ObjectVersionRecord.fetchOne(
            db,
            sql: "SELECT * FROM objectVersion WHERE bucket = ? AND key = ? AND isLatest",
            arguments: [bucket, key]
        )
    }

    /// - Throws: InvalidArgument for a version id this store could never have issued, as S3 does.
    static func fetchVersion(_ db: Database, bucket: String, key: String, versionId: String) throws -> ObjectVersionRecord? {
        guard Identifiers.isWellFormedVersion(versionId) else {
            throw StoreError(.invalidArgument, "Invalid version id specified", resource: "\(bucket)/\(key)")
        }
        return try ObjectVersionRecord.fetchOne(
            db,
            sql: "SELECT * FROM objectVersion WHERE bucket = ? AND key = ? AND versionId = ?",
            arguments: [bucket, key, versionId]
        )
    }
}
