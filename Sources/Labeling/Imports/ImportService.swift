import Foundation
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
struct ImportService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage
    let logger: Logger
    /// Adds and manifest imports never overlap a sync of their dataset.
    let syncs: SyncCoordinator
    /// A folder import is a sync; adds and manifests read what the storage says of their files as a sync would.
    let syncing: SyncService
    /// The ids of the imports this service runs now: a task the catalog says is running and that is not here was cut
    /// short by a stop.
    let running = RunningImports()

    final class RunningImports: Sendable {
        let ids = Mutex<Set<String>>([])
    }

    /// The most files one add may send.
    static let maxAddedSamples = 100
    /// The most skipped entries a task keeps the reason of (all are counted).
    static let maxSkippedDetails = 1000

    func addSamples(datasetId: String, _ samples: [NewSample], author: String) async throws -> AddReport {
        try Validation.checkAuthor(author)
        guard (1...Self.maxAddedSamples).contains(samples.count) else {
            throw LabelingError.invalidArgument("An add must send 1 to \(Self.maxAddedSamples) files, not \(samples.count)")
        }
        let dataset = try await catalog.dataset(id: datasetId)
        let kind = dataset.kind
        let annotations = try samples.map { sample in
            if kind == .textClassification && !sample.annotations.isEmpty {
                throw LabelingError.invalidArgument(
                    "\(sample.name): the labels of text samples are in the file (text, a tab, then its labels on each line), not given apart"
                )
            }
            return try LabelEdit.checked(sample.annotations, kind: kind)
        }
        let input = "obs://\(dataset.inputBucket)/\(dataset.inputPrefix)"
        return try await syncs.exclusive(datasetId: datasetId) {
            let task = try await self.startImport(datasetId: datasetId, kind: .add, path: input, author: author)
            do {
                return try await self.add(samples, annotations: annotations, to: dataset, author: author, task: task)
            } catch {
                await self.failImport(task, error)
                throw error
            }
        }
    }

    func importData(datasetId: String, _ spec: ImportSpec) async throws -> ImportTask {
        if let author = spec.author { try Validation.checkAuthor(author) }
        let dataset = try await catalog.dataset(id: datasetId)
        let kind = dataset.kind
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
                        + "Copy the files of \(folder) under the input path and sync, "
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
                    return try await self.importManifest(location, into: dataset, spec: spec, task: task)
                } catch {
                    return await self.failImport(task, error)
                }
            }
        }
    }

    func importTasks(datasetId: String, offset: Int, limit: Int) async throws -> (tasks: [ImportTask], total: Int) {
        let running = self.running.ids.withLock { $0 }
        let page = try await catalog.importTasks(datasetId: datasetId, offset: offset, limit: limit)
        return (page.tasks.map { $0.interrupted(unless: running) }, page.total)
    }

    func importTask(datasetId: String, taskId: String) async throws -> ImportTask {
        let running = self.running.ids.withLock { $0 }
        return try await catalog.importTask(id: taskId, datasetId: datasetId).interrupted(unless: running)
    }

    // MARK: - Folders

    /// A sync of the dataset; the counts are those of the folder: its samples afterwards, the ones the sync added and
    /// the labeled ones.
    private func importFolder(_ folder: StoragePath, of dataset: Dataset, task: ImportTask) async -> ImportTask {
        do {
            let report = try await syncing.sync(datasetId: dataset.id)
            let completed = try await catalog.completeFolderImport(task, folder: folder, syncStart: report.startedAt, at: Date())
            return finished(completed)
        } catch {
            return await failImport(task, error)
        }
    }

    // MARK: - Task records

    func startImport(datasetId: String, kind: ImportTask.Kind, path: String, author: String?) async throws -> ImportTask {
        let task = ImportTask(id: Identifier.make(), datasetId: datasetId, kind: kind, path: path, author: author, createdAt: Date())
        running.ids.withLock { _ = $0.insert(task.id) }
        do {
            try await catalog.startImport(task)
        } catch {
            running.ids.withLock { _ = $0.remove(task.id) }
            throw error
        }
        return task
    }

    /// A task the catalog recorded as completed: it runs no more.
    func finished(_ task: ImportTask) -> ImportTask {
        running.ids.withLock { _ = $0.remove(task.id) }
        logger.info(
            "Imported into dataset",
            metadata: [
                "labeling.dataset": "\(task.datasetId)", "labeling.import": "\(task.kind.rawValue)", "labeling.path": "\(task.path)",
                "labeling.imported": "\(task.importedSampleCount)", "labeling.skipped": "\(task.skippedCount)",
            ]
        )
        return task
    }

    @discardableResult
    func failImport(_ task: ImportTask, _ error: any Error) async -> ImportTask {
        var task = task
        let failure = error as? LabelingError ?? LabelingError.importFailed("The import failed: \(error)")
        task.status = .failed
        task.finishedAt = Date()
        task.error = failure
        try? await catalog.failImport(task)
        running.ids.withLock { _ = $0.remove(task.id) }
        logger.error("Import failed", metadata: ["labeling.dataset": "\(task.datasetId)", "labeling.error": "\(failure)"])
        return task
    }

    /// Notes a file or line left out: every one is counted, the first ones keep their reason.
    static func skip(_ task: inout ImportTask, source: String, reason: String) {
        task.skippedCount += 1
        if task.skipped.count < maxSkippedDetails { task.skipped.append(ImportTask.Skipped(source: source, reason: reason)) }
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
