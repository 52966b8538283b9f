import Foundation
import GRDB

/// Multipart uploads, their parts, and the uploads completed lately.
extension ObjectCatalog {
    /// - Throws: NoSuchBucket.
    func createUpload(_ upload: MultipartUploadRecord) async throws -> MultipartUpload {
        try await writer.write { db in
            _ = try Self.fetchBucket(db, upload.bucket)
            var record = upload
            try record.insert(db)
            return record.upload
        }
    }

    /// - Throws: NoSuchBucket, NoSuchUpload.
    func upload(bucket: String, key: String, uploadId: String) async throws -> MultipartUploadRecord {
        try await writer.read { db in try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId) }
    }

    /// The upload with its parts by number.
    /// - Throws: NoSuchBucket, NoSuchUpload.
    func uploadWithParts(bucket: String, key: String, uploadId: String) async throws -> (MultipartUploadRecord, [Int: UploadPartRecord]) {
        try await writer.read { db in
            let upload = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
            let stored = try UploadPartRecord.filter(UploadPartRecord.Columns.uploadId == uploadId).fetchAll(db)
            return (upload, Dictionary(stored.map { ($0.partNumber, $0) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Records `part`, replacing an earlier part of its number, once `accepts` agrees the part belongs to the upload.
    /// - Returns: the blob id of the part it replaced.
    /// - Throws: NoSuchBucket, NoSuchUpload, or what `accepts` throws.
    func savePart(
        _ part: UploadPartRecord,
        bucket: String,
        key: String,
        accepts: @escaping @Sendable (MultipartUploadRecord) throws -> Void
    ) async throws -> String? {
        try await writer.write { db in
            let upload = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: part.uploadId)
            try accepts(upload)
            let replaced = try UploadPartRecord.fetchOne(db, key: ["uploadId": part.uploadId, "partNumber": part.partNumber])
            try part.save(db)
            return replaced?.blobId
        }
    }

    /// The parts numbered after `partNumberMarker`, at most `maxParts` (0...10000).
    /// - Throws: NoSuchBucket, NoSuchUpload.
    func parts(bucket: String, key: String, uploadId: String, partNumberMarker: Int, maxParts: Int) async throws -> PartsPage {
        try await writer.read { db in
            _ = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
            let limit = max(0, min(maxParts, 10000))
            let parts =
                try UploadPartRecord
                .filter(UploadPartRecord.Columns.uploadId == uploadId && UploadPartRecord.Columns.partNumber > partNumberMarker)
                .order(UploadPartRecord.Columns.partNumber)
                .limit(limit + 1)
                .fetchAll(db)
            let page = parts.prefix(limit).map(\.part)
            let isTruncated = parts.count > limit
            return PartsPage(parts: page, isTruncated: isTruncated, nextPartNumberMarker: isTruncated ? page.last?.partNumber : nil)
        }
    }

    /// Completes `uploadId` into `object` (made of the parts whose blobs are `partBlobIds`), the latest version of its key,
    /// and remembers the completion until ``ObjectStore/completedUploadMemory`` after `object.lastModified`.
    /// - Returns: the version, and the blob ids no longer referred to (every part's, and the version it replaced).
    /// - Throws: NoSuchUpload when the upload was completed or aborted meanwhile, InvalidPart when a part was uploaded
    ///   again meanwhile.
    func complete(
        uploadId: String, into object: ObjectVersionRecord, partBlobIds: [String]
    ) async throws -> (version: ObjectVersion, unreferenced: [String]) {
        try await writer.write { db in
            let resource = "\(object.bucket)/\(object.key)"
            _ = try Self.fetchUpload(db, bucket: object.bucket, key: object.key, uploadId: uploadId)
            let partBlobs = try String.fetchAll(db, sql: "SELECT blobId FROM uploadPart WHERE uploadId = ?", arguments: [uploadId])
            // A part uploaded again meanwhile replaced the bytes that were concatenated.
            guard Set(partBlobIds).isSubset(of: partBlobs) else {
                throw StoreError(.invalidPart, "A part was uploaded again while the upload was being completed", resource: resource)
            }
            try db.execute(sql: "DELETE FROM multipartUpload WHERE uploadId = ?", arguments: [uploadId])
            var object = object
            let bucket = try Self.fetchBucket(db, object.bucket)
            try Self.applyObjectLock(&object, bucket: bucket)
            let replaced = try Self.insertLatest(&object, versioning: bucket.versioning, db)
            try Self.rememberCompletion(db, uploadId: uploadId, object: object)
            return (object.version, partBlobs + replaced)
        }
    }

    /// The version a completion of `uploadId` since `since` made, while it is still there with the ETag it was given.
    func completedVersion(bucket: String, key: String, uploadId: String, since: Date) async throws -> ObjectVersionRecord? {
        try await writer.read { db in
            let row = try Row.fetchOne(
                db,
                sql: "SELECT versionId, etag FROM completedUpload WHERE uploadId = ? AND bucket = ? AND key = ? AND completedAt >= ?",
                arguments: [uploadId, bucket, key, since.timeIntervalSinceReferenceDate]
            )
            guard let row else { return nil }
            let versionId: String = row["versionId"]
            let etag: String = row["etag"]
            let version = try ObjectVersionRecord.fetchOne(
                db,
                sql: "SELECT * FROM objectVersion WHERE bucket = ? AND key = ? AND versionId = ? AND NOT isDeleteMarker",
                arguments: [bucket, key, versionId]
            )
            return version?.etag == etag ? version : nil
        }
    }

    /// Deletes the upload and its parts.
    /// - Returns: the parts' blob ids.
    /// - Throws: NoSuchBucket, NoSuchUpload.
    func abortUpload(bucket: String, key: String, uploadId: String) async throws -> [String] {
        try await writer.write { db in
            _ = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
            let partBlobs = try String.fetchAll(db, sql: "SELECT blobId FROM uploadPart WHERE uploadId = ?", arguments: [uploadId])
            try db.execute(sql: "DELETE FROM multipartUpload WHERE uploadId = ?", arguments: [uploadId])
            return partBlobs
        }
    }

    /// Records a completion, and forgets those older than ``ObjectStore/completedUploadMemory``.
    private static func rememberCompletion(_ db: Database, uploadId: String, object: ObjectVersionRecord) throws {
        let now = object.lastModified.timeIntervalSinceReferenceDate
        try db.execute(sql: "DELETE FROM completedUpload WHERE completedAt < ?", arguments: [now - ObjectStore.completedUploadMemory])
        try db.execute(
            sql: "INSERT OR REPLACE INTO completedUpload (uploadId, bucket, key, versionId, etag, completedAt) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [uploadId, object.bucket, object.key, object.versionId, object.etag, now]
        )
    }

    static func fetchUpload(_ db: Database, bucket: String, key: String, uploadId: String) throws -> MultipartUploadRecord {
        let upload = try MultipartUploadRecord.fetchOne(
            db,
            sql: "SELECT * FROM multipartUpload WHERE uploadId = ? AND bucket = ? AND key = ?",
            arguments: [uploadId, bucket, key]
        )
        guard let upload else {
            _ = try fetchBucket(db, bucket)
            throw StoreError.noSuchUpload(bucket, key, uploadId)
        }
        return upload
    }
}
