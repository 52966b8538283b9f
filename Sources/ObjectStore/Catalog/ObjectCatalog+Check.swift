import GRDB

/// The catalog's side of `ObjectStore.check`: every query the offline check runs, and the repairs it may make.
extension ObjectCatalog {
    /// Opens the catalog of a data root as it is, without migrating it: read-only unless the check repairs.
    /// - Throws: `DataRootCheckError` when the file is not a catalog, or one an earlier obslab wrote.
    static func openForCheck(path: String, writable: Bool) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = !writable
        configuration.busyMode = .timeout(10)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw DataRootCheckError.unreadableCatalog(path, error)
        }
        let current: Bool
        do {
            current = try queue.read { db in try migrator.hasCompletedMigrations(db) }
        } catch {
            throw DataRootCheckError.unreadableCatalog(path, error)
        }
        guard current else { throw DataRootCheckError.outdatedCatalog(path) }
        return queue
    }

    /// What SQLite's integrity check finds wrong with the file; empty when it is sound.
    static func integrityProblems(_ db: Database) throws -> [String] {
        let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        return lines == ["ok"] ? [] : lines
    }

    /// Rows that refer to a missing row, as (table, referenced table, count); parts without upload are `partsWithoutUpload`.
    static func brokenReferences(_ db: Database) throws -> [(table: String, parent: String, count: Int)] {
        var counts: [String: [String: Int]] = [:]
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            let table: String = row[0]
            let parent: String = row[2]
            if table == UploadPartRecord.databaseTableName && parent == MultipartUploadRecord.databaseTableName { continue }
            counts[table, default: [:]][parent, default: 0] += 1
        }
        return counts.sorted { $0.key < $1.key }.flatMap { table, parents in
            parents.sorted { $0.key < $1.key }.map { (table, $0.key, $0.value) }
        }
    }

    static func bucketCount(_ db: Database) throws -> Int {
        try BucketRecord.fetchCount(db)
    }

    /// Up to `limit` object versions after row `id`, in row order; a row that does not decode comes back as its error,
    /// with the blob file it names.
    static func versions(
        after id: Int64, limit: Int, _ db: Database
    ) throws
        -> [(id: Int64, blobId: String?, record: Result<ObjectVersionRecord, any Error>)]
    {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM objectVersion WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit])
        return rows.map { row in
            (row[ObjectVersionRecord.Columns.id], row[ObjectVersionRecord.Columns.blobId], Result { try ObjectVersionRecord(row: row) })
        }
    }

    /// Every multipart upload, by upload id; one that does not decode comes back as its error.
    static func uploads(_ db: Database) throws -> [String: Result<MultipartUploadRecord, any Error>] {
        var uploads: [String: Result<MultipartUploadRecord, any Error>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM multipartUpload") {
            uploads[row[MultipartUploadRecord.Columns.uploadId]] = Result { try MultipartUploadRecord(row: row) }
        }
        return uploads
    }

    /// Every stored part, with its upload id, number and blob file also when the row does not decode.
    static func parts(
        _ db: Database
    ) throws
        -> [(uploadId: String, partNumber: Int, blobId: String?, record: Result<UploadPartRecord, any Error>)]
    {
        try Row.fetchAll(db, sql: "SELECT * FROM uploadPart ORDER BY uploadId, partNumber").map { row in
            (
                row[UploadPartRecord.Columns.uploadId], row[UploadPartRecord.Columns.partNumber], row[UploadPartRecord.Columns.blobId],
                Result { try UploadPartRecord(row: row) }
            )
        }
    }

    /// Keys that have versions but no latest one.
    static func keysWithoutLatest(_ db: Database) throws -> [(bucket: String, key: String)] {
        try Row.fetchAll(
            db,
            sql: "SELECT bucket, key FROM objectVersion GROUP BY bucket, key HAVING MAX(isLatest) = 0 ORDER BY bucket, key"
        ).map { ($0[0], $0[1]) }
    }

    /// Makes the newest version of a key its latest, as deleting the latest version does.
    static func promoteNewestVersion(bucket: String, key: String, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE objectVersion SET isLatest = 1 WHERE id = (
                    SELECT id FROM objectVersion WHERE bucket = ? AND key = ? ORDER BY id DESC LIMIT 1)
                """,
            arguments: [bucket, key]
        )
    }

    /// Deletes the parts of an upload that does not exist; their blob files are then orphans.
    static func deletePartsWithoutUpload(uploadId: String, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM uploadPart WHERE uploadId = ? AND uploadId NOT IN (SELECT uploadId FROM multipartUpload)",
            arguments: [uploadId]
        )
    }
}
