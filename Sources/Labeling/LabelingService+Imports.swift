import Foundation
import GRDB
import LabelFormats
import Logging
import Synchronization

/// "Add data" and imports from OBS, and their history.
///
/// obslab keeps one rule that every sample obeys: its object is under the dataset's input path, which is what a sync
/// lists (and a sample whose object a sync does not find is removed). So nothing is copied from elsewhere:
/// - an add writes the files sent into the input path, and makes their samples at once;
/// - a folder import takes a folder inside the input path, and is a sync;
/// - a manifest import makes samples of the entries whose object is under the input path, with the manifest's labels,
///   and reports every other entry as skipped, with the reason.
///
/// The samples an add or import makes record the label file next to their object (and its ETag) as a sync would: the
/// next sync sees them as existing and leaves their labels alone until that file changes.
extension LabelingService {
    /// The most files one add may send.
    public static let maxAddedSamples = 100
    /// The most skipped entries a task keeps the reason of (all are counted).
    public static let maxSkippedDetails = 1000

    /// Writes the files into the dataset's input path and makes their samples, labeled with the labels given (by
    /// `author`, now) or, without labels, as a sync would label them. A file whose name is taken (by an object or a
    /// sample) or that the storage refuses fails alone; the add is recorded in the import history.
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a bad author, no files or too many,
    ///   or a bad label (nothing is written then).
    public func addSamples(datasetId: String, _ samples: [NewSample], author: String) async throws -> AddReport {
        try Self.checkAuthor(author)
        guard (1...Self.maxAddedSamples).contains(samples.count) else {
            throw LabelingError.invalidArgument("An add must send 1 to \(Self.maxAddedSamples) files, not \(samples.count)")
        }
        let dataset = try await catalog.read { db in try Self.fetchDataset(db, id: datasetId) }
        let kind = try Self.kind(of: dataset)
        let annotations = try samples.map { sample in
            if kind == .textClassification && !sample.annotations.isEmpty {
                throw LabelingError.invalidArgument(
                    "\(sample.name): the labels of text samples are in the file (text, a tab, then its labels on each line), not given apart"
                )
            }
            return try Self.checkAnnotations(sample.annotations, kind: kind)
        }
        let input = "obs://\(dataset.inputBucket)/\(dataset.inputPrefix)"
        return try await syncs.exclusive(datasetId: datasetId) {
            let task = try await self.startImport(datasetId: datasetId, kind: .add, path: input, author: author)
            do {
                return try await self.add(samples, annotations: annotations, to: dataset, kind: kind, author: author, task: task)
            } catch {
                await self.failImport(task, error)
                throw error
            }
        }
    }

    /// Imports a folder inside the input path (a sync) or a manifest (its entries under the input path, with their
    /// labels), and records it in the import history. A failure once the import has started (the manifest cannot be
    /// read, the sync fails) is the task's status, not an error.
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a path that is not an OBS path, a
    ///   folder outside the input path, or a manifest for a text classification dataset.
    public func importData(datasetId: String, _ spec: ImportSpec) async throws -> ImportTask {
        if let author = spec.author { try Self.checkAuthor(author) }
        let dataset = try await catalog.read { db in try Self.fetchDataset(db, id: datasetId) }
        let kind = try Self.kind(of: dataset)
        let input = StoragePath(bucket: dataset.inputBucket, prefix: dataset.inputPrefix)
        let importKind = spec.kind ?? (spec.path.lowercased().hasSuffix(".manifest") ? .manifest : .folder)
        switch importKind {
        case .add:
            throw LabelingError.invalidArgument("An import is of a folder or of a manifest; files are added with addSamples")
        case .folder:
            let folder = try StoragePath(parsing: spec.path, field: "import path")
            guard folder.isWithin(input) else {
                throw LabelingError.invalidArgument(
                    "obslab imports only folders inside the dataset's input path \(input), and copies no data: \(folder) is outside it. "
                        + "Copy the files under the input path (aws s3 cp --recursive \(folder) \(input)) and sync, "
                        + "or import a manifest that lists them"
                )
            }
            let task = try await startImport(datasetId: datasetId, kind: .folder, path: folder.description, author: spec.author)
            return await importFolder(folder, of: dataset, task: task)
        case .manifest:
            let location = try Self.objectLocation(spec.path, field: "import path")
            guard kind != .textClassification else {
                throw LabelingError.invalidArgument(
                    "A text classification dataset's samples are the lines of its text files: import its folder, not a manifest"
                )
            }
            return try await syncs.exclusive(datasetId: datasetId) {
                let task = try await self.startImport(
                    datasetId: datasetId,
                    kind: .manifest,
                    path: "obs://\(location.bucket)/\(location.key)",
                    author: spec.author
                )
                do {
                    return try await self.importManifest(location, into: dataset, kind: kind, spec: spec, task: task)
                } catch {
                    return await self.failImport(task, error)
                }
            }
        }
    }

    /// The dataset's adds and imports, newest first.
    public func importTasks(datasetId: String, offset: Int, limit: Int) async throws -> (tasks: [ImportTask], total: Int) {
        let running = Self.runningImports.ids.withLock { $0 }
        return try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let request = ImportTaskRecord.filter(ImportTaskRecord.Columns.datasetId == datasetId)
            let records =
                try request
                .order(ImportTaskRecord.Columns.createdAt.desc, ImportTaskRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (records.map { $0.task(interrupted: !running.contains($0.id)) }, try request.fetchCount(db))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or task.
    public func importTask(datasetId: String, taskId: String) async throws -> ImportTask {
        let running = Self.runningImports.ids.withLock { $0 }
        return try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            guard let record = try ImportTaskRecord.fetchOne(db, key: taskId), record.datasetId == datasetId else {
                throw LabelingError.importTaskNotFound(taskId, datasetId: datasetId)
            }
            return record.task(interrupted: !running.contains(record.id))
        }
    }

    // MARK: - Folders

    /// A sync of the dataset; the counts are those of the folder: its samples afterwards, the ones the sync added and
    /// the labeled ones.
    private func importFolder(_ folder: StoragePath, of dataset: DatasetRecord, task: ImportTaskRecord) async -> ImportTask {
        do {
            let report = try await sync(datasetId: dataset.id)
            return try await catalog.write { db in
                var task = task
                let length = folder.prefix.unicodeScalars.count
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) AS total, COALESCE(SUM(isLabeled), 0) AS labeled, COALESCE(SUM(createdAt >= ?), 0) AS added
                        FROM sample WHERE datasetId = ? AND bucket = ? AND substr(key, 1, ?) = ?
                        """,
                    arguments: [report.startedAt.timeIntervalSinceReferenceDate, dataset.id, folder.bucket, length, folder.prefix]
                )
                task.totalSampleCount = row?["total"] ?? 0
                task.importedSampleCount = row?["added"] ?? 0
                task.annotatedSampleCount = row?["labeled"] ?? 0
                return try finishImport(db, task)
            }
        } catch {
            return await failImport(task, error)
        }
    }

    // MARK: - Task records

    /// The ids of the imports running in this process: a task the catalog says is running and that is not here was
    /// cut short by a stop.
    static let runningImports = RunningImports()

    final class RunningImports: Sendable {
        let ids = Mutex<Set<String>>([])
    }

    func startImport(datasetId: String, kind: ImportTask.Kind, path: String, author: String?) async throws -> ImportTaskRecord {
        let record = ImportTaskRecord(id: Identifier.make(), datasetId: datasetId, kind: kind, path: path, author: author, createdAt: Date())
        Self.runningImports.ids.withLock { _ = $0.insert(record.id) }
        do {
            try await catalog.write { db in try record.insert(db) }
        } catch {
            Self.runningImports.ids.withLock { _ = $0.remove(record.id) }
            throw error
        }
        return record
    }

    /// Records the task as completed, in the transaction that wrote its samples.
    func finishImport(_ db: Database, _ record: ImportTaskRecord) throws -> ImportTask {
        var record = record
        record.status = ImportTask.Status.completed.rawValue
        record.finishedAt = Date()
        try record.update(db)
        Self.runningImports.ids.withLock { _ = $0.remove(record.id) }
        logger.info(
            "Imported into dataset",
            metadata: [
                "labeling.dataset": "\(record.datasetId)", "labeling.import": "\(record.kind)", "labeling.path": "\(record.path)",
                "labeling.imported": "\(record.importedSampleCount)", "labeling.skipped": "\(record.skippedCount)",
            ]
        )
        return record.task(interrupted: false)
    }

    @discardableResult
    func failImport(_ record: ImportTaskRecord, _ error: any Error) async -> ImportTask {
        var record = record
        let failure = error as? LabelingError ?? LabelingError.importFailed("The import failed: \(error)")
        record.status = ImportTask.Status.failed.rawValue
        record.finishedAt = Date()
        record.errorCode = failure.code
        record.errorMessage = failure.message
        try? await catalog.write { [record] db in try record.update(db) }
        Self.runningImports.ids.withLock { _ = $0.remove(record.id) }
        logger.error("Import failed", metadata: ["labeling.dataset": "\(record.datasetId)", "labeling.error": "\(failure)"])
        return record.task(interrupted: false)
    }

    /// Notes a file or line left out: every one is counted, the first ones keep their reason.
    static func skip(_ record: inout ImportTaskRecord, source: String, reason: String) {
        record.skippedCount += 1
        if record.skipped.count < maxSkippedDetails { record.skipped.append(ImportTask.Skipped(source: source, reason: reason)) }
    }

    // MARK: - What an import leaves behind

    /// Brings the samples an import made into every labeling job of the dataset, and marks the dataset changed.
    static func importedIntoJobs(_ db: Database, datasetId: String) throws {
        for job in try LabelingJobRecord.filter(LabelingJobRecord.Columns.datasetId == datasetId).fetchAll(db) {
            try syncJobSamples(db, jobId: job.id, datasetId: datasetId)
        }
        try db.execute(sql: "UPDATE dataset SET updatedAt = ? WHERE id = ?", arguments: [Date().timeIntervalSinceReferenceDate, datasetId])
    }

    /// An object an import makes a sample of again: a deletion without its source no longer keeps it out of syncs.
    static func forgetDeletion(_ db: Database, datasetId: String, bucket: String, key: String) throws {
        try db.execute(sql: "DELETE FROM deletedSample WHERE datasetId = ? AND bucket = ? AND key = ?", arguments: [datasetId, bucket, key])
    }

    /// `(bucket, key)` of `obs://bucket/key`, `s3://bucket/key` or `/bucket/key`.
    static func objectLocation(_ path: String, field: String) throws -> (bucket: String, key: String) {
        guard let scheme = ["obs://", "s3://", "/"].first(where: { path.hasPrefix($0) }) else {
            throw LabelingError.invalidArgument("The \(field) '\(path)' is not an OBS path such as obs://bucket/folder/file.manifest")
        }
        let rest = path.dropFirst(scheme.count)
        let bucket = rest.prefix { $0 != "/" }
        let key = rest.dropFirst(bucket.count + 1)
        guard !bucket.isEmpty, !key.isEmpty, !key.hasSuffix("/") else {
            throw LabelingError.invalidArgument("The \(field) '\(path)' names no object: give obs://bucket/path/file.manifest")
        }
        return (String(bucket), String(key))
    }
}
