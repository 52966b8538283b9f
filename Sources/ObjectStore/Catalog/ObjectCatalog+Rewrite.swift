import Foundation
import GRDB
import KeyManagement

/// OBS's operations that change an object's bytes in place (append upload, truncate): the row takes its new blob in one
/// transaction, if the object is still what the caller read.
extension ObjectCatalog {
    /// Makes `version` hold the blob `blobId` of `size` bytes, if it is still the latest version of its key with the blob
    /// it had (and, for an append, appendable).
    /// - Returns: the version as it is now, and its old blob id (deleted by the caller after the commit).
    /// - Throws: PositionNotEqualToLength (an append) or PreconditionFailed when the object changed meanwhile;
    ///   AccessDenied when Object Lock protects it.
    func rewrite(
        _ version: ObjectVersion,
        blobId: String,
        size: Int64,
        etag: String,
        encryption: EncryptionEnvelope?,
        appending: Bool,
        at date: Date
    ) async throws -> (version: ObjectVersion, replaced: String?) {
        try await writer.write { db in
            guard var record = try ObjectVersionRecord.fetchOne(db, key: version.sequence), record.isLatest,
                record.blobId == version.blobId, record.isAppendable || !appending
            else {
                let resource = "\(version.bucket)/\(version.key)"
                if appending {
                    throw StoreError(
                        .positionNotEqualToLength,
                        "The object was appended to or replaced meanwhile; read its length again",
                        resource: resource
                    )
                }
                throw StoreError(.preconditionFailed, "The object was changed meanwhile", resource: resource)
            }
            // Object Lock keeps a protected version's bytes as they are.
            try Self.checkRemovable(record, bypassGovernance: false, at: date)
            let replaced = record.blobId
            record.blobId = blobId
            record.size = size
            record.etag = etag
            record.encryption = encryption
            record.lastModified = date
            record.partSizes = []
            record.partChecksums = []
            // Checksums describe the bytes as they were.
            record.attributes.checksums = [:]
            record.attributes.checksumType = nil
            try record.update(db)
            return (record.version, replaced)
        }
    }

    /// Renames the object `key` of an unversioned bucket to `newKey`, replacing what `newKey` held, as POSIX rename does.
    /// A key ending in `/` is a folder: every object under it moves under `newKey` (given a `/` if it lacks one).
    /// - Returns: the blob ids of the replaced objects.
    /// - Throws: NoSuchKey when nothing is at (or under) `key`; AccessDenied when Object Lock protects what would be
    ///   replaced.
    func rename(bucket: String, key: String, to newKey: String, at date: Date) async throws -> [String] {
        try await writer.write { db in
            _ = try Self.fetchBucket(db, bucket)
            let isFolder = key.hasSuffix("/")
            let target = isFolder && !newKey.hasSuffix("/") ? newKey + "/" : newKey
            let moving =
                isFolder
                ? try ObjectVersionRecord.fetchAll(
                    db,
                    sql: "SELECT * FROM objectVersion WHERE bucket = ? AND instr(key, ?) = 1 AND NOT isDeleteMarker ORDER BY key",
                    arguments: [bucket, key]
                )
                : try Self.fetchLatest(db, bucket: bucket, key: key).map { $0.isDeleteMarker ? [] : [$0] } ?? []
            guard !moving.isEmpty else {
                throw StoreError(.noSuchKey, "The specified key does not exist", resource: "\(bucket)/\(key)")
            }
            if key == target { return [] }
            var removed: [String] = []
            for var record in moving {
                let newName = target + String(decoding: record.key.utf8.dropFirst(key.utf8.count), as: UTF8.self)
                try StoreError.checkKey(newName, bucket: bucket)
                let replaced = try ObjectVersionRecord.fetchAll(
                    db,
                    sql: "SELECT * FROM objectVersion WHERE bucket = ? AND key = ?",
                    arguments: [bucket, newName]
                )
                for old in replaced { try Self.checkRemovable(old, bypassGovernance: false, at: date) }
                try db.execute(sql: "DELETE FROM objectVersion WHERE bucket = ? AND key = ?", arguments: [bucket, newName])
                record.key = newName
                try record.update(db)
                removed += replaced.compactMap(\.blobId)
            }
            return removed
        }
    }
}
