import Foundation
import GRDB
import LabelFormats

/// Adds and imports: their tasks, and the samples they make.
extension LabelingCatalog {
    /// Records an add or import that starts.
    func startImport(_ task: ImportTask) async throws {
        try await writer.write { db in try ImportTaskRecord(task).insert(db) }
    }

    /// Records an add or import that failed.
    func failImport(_ task: ImportTask) async throws {
        try await writer.write { db in try ImportTaskRecord(task).update(db) }
    }

    /// The dataset's adds and imports as recorded, newest first.
    /// - Throws: `LabelingError.datasetNotFound`.
    func importTasks(datasetId: String, offset: Int, limit: Int) async throws -> (tasks: [ImportTask], total: Int) {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let request = ImportTaskRecord.filter(ImportTaskRecord.Columns.datasetId == datasetId)
            let records =
                try request
                .order(ImportTaskRecord.Columns.createdAt.desc, ImportTaskRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (records.map(\.task), try request.fetchCount(db))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or task.
    func importTask(id: String, datasetId: String) async throws -> ImportTask {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            guard let record = try ImportTaskRecord.fetchOne(db, key: id), record.datasetId == datasetId else {
                throw LabelingError.importTaskNotFound(id, datasetId: datasetId)
            }
            return record.task
        }
    }

    /// Completes a folder import (a sync that started at `syncStart`) with the folder's counts: its samples, the
    /// ones created since the sync started, and the labeled ones.
    func completeFolderImport(_ task: ImportTask, folder: StoragePath, syncStart: Date, at now: Date) async throws -> ImportTask {
        try await writer.write { db in
            var task = task
            // SQLite counts the characters of a text in code points.
            let length = folder.prefix.unicodeScalars.count
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS total, COALESCE(SUM(isLabeled), 0) AS labeled, COALESCE(SUM(createdAt >= ?), 0) AS added
                    FROM sample WHERE datasetId = ? AND bucket = ? AND substr(key, 1, ?) = ?
                    """,
                arguments: [syncStart.catalogValue, task.datasetId, folder.bucket, length, folder.prefix]
            )
            task.totalSampleCount = row?["total"] ?? 0
            task.importedSampleCount = row?["added"] ?? 0
            task.annotatedSampleCount = row?["labeled"] ?? 0
            return try Self.complete(db, task, at: now)
        }
    }

    /// Records the samples of added files in one transaction: each file's samples all or none (a file whose key
    /// another request added meanwhile gets none), the label names they use, their job rows; then marks the dataset
    /// changed and completes the task, after `count` has counted what was added on it.
    /// - Returns: the ids of each file's samples, in order (nil for a file added meanwhile), and the completed task.
    func recordAddedFiles(
        _ files: [AddedFile],
        dataset: Dataset,
        author: String,
        task: ImportTask,
        at now: Date,
        count: @Sendable ([[String]?], inout ImportTask) -> Void
    ) async throws -> (sampleIds: [[String]?], task: ImportTask) {
        try await writer.write { db in
            let colors = try Self.addMissingLabels(
                db,
                datasetId: dataset.id,
                kind: dataset.kind,
                annotations: files.flatMap { $0.outcome.contents.flatMap(\.annotations) },
                at: now
            )
            var sampleIds: [[String]?] = []
            for file in files {
                do {
                    var ids: [String] = []
                    try db.inSavepoint {
                        for var content in file.outcome.contents {
                            content.annotations = LabelEdit.stored(content.annotations, colors: colors, previous: [])
                            let sample = SampleEntry(content, of: file.outcome, in: dataset, labeledBy: author, at: now, hard: file.hard)
                            try SampleRecord(sample).insert(db)
                            ids.append(sample.id)
                        }
                        return .commit
                    }
                    try Self.forgetDeletion(db, datasetId: dataset.id, bucket: dataset.inputBucket, key: file.outcome.raw.key)
                    sampleIds.append(ids)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    sampleIds.append(nil)
                }
            }
            try Self.importedIntoJobs(db, datasetId: dataset.id, at: now)
            var task = task
            count(sampleIds, &task)
            return (sampleIds, try Self.complete(db, task, at: now))
        }
    }

    /// Writes a batch of a manifest import in one transaction: manifest labels replace an existing sample's labels (a
    /// job's own labels stay); an entry without labels makes a new sample labeled as `evaluated` says, and leaves an
    /// existing one as it is. Label names the set lacks join it. Counts what it imported on the task.
    /// - Parameters:
    ///   - existing: the dataset's samples of the batch's objects, read before.
    ///   - evaluated: what a sync would make of the new objects whose entries give no labels, by key.
    func writeManifestBatch(
        _ batch: [ManifestSample],
        existing: [SampleEntry],
        evaluated: [String: SampleOutcome],
        dataset: Dataset,
        task: ImportTask,
        at now: Date
    ) async throws -> ImportTask {
        try await writer.write { db in
            var task = task
            var byKey = Dictionary(existing.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            let colors = try Self.addMissingLabels(
                db,
                datasetId: dataset.id,
                kind: dataset.kind,
                annotations: batch.flatMap { $0.content?.annotations ?? evaluated[$0.item.raw.key]?.contents.first?.annotations ?? [] },
                at: now
            )
            for sample in batch {
                let key = sample.item.raw.key
                if var entry = byKey.removeValue(forKey: key) {
                    sample.apply(to: &entry, colors: colors, at: now)
                    try SampleRecord(entry).update(db)
                    task.importedSampleCount += 1
                    if entry.isLabeled { task.annotatedSampleCount += 1 }
                    continue
                }
                guard let entry = sample.newEntry(evaluated: evaluated[key], dataset: dataset, colors: colors, at: now) else { continue }
                try SampleRecord(entry).insert(db)
                try Self.forgetDeletion(db, datasetId: dataset.id, bucket: dataset.inputBucket, key: key)
                task.importedSampleCount += 1
                if entry.isLabeled { task.annotatedSampleCount += 1 }
            }
            try ImportTaskRecord(task).update(db)
            return task
        }
    }

    /// Completes a manifest import: brings the samples it made into the dataset's labeling jobs and marks the dataset
    /// changed.
    func completeManifestImport(_ task: ImportTask, at now: Date) async throws -> ImportTask {
        try await writer.write { db in
            try Self.importedIntoJobs(db, datasetId: task.datasetId, at: now)
            return try Self.complete(db, task, at: now)
        }
    }

    private static func complete(_ db: Database, _ task: ImportTask, at now: Date) throws -> ImportTask {
        var task = task
        task.status = .completed
        task.finishedAt = now
        try ImportTaskRecord(task).update(db)
        return task
    }

    /// Brings the samples an import made into every labeling job of the dataset, and marks the dataset changed.
    private static func importedIntoJobs(_ db: Database, datasetId: String, at now: Date) throws {
        try syncAllJobSamples(db, datasetId: datasetId)
        try touchDataset(db, id: datasetId, at: now)
    }

    /// An object an import makes a sample of again: a deletion without its source no longer keeps it out of syncs.
    private static func forgetDeletion(_ db: Database, datasetId: String, bucket: String, key: String) throws {
        try DeletedSampleRecord
            .filter(
                DeletedSampleRecord.Columns.datasetId == datasetId && DeletedSampleRecord.Columns.bucket == bucket
                    && DeletedSampleRecord.Columns.key == key
            )
            .deleteAll(db)
    }
}
