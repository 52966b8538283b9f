import Foundation
import LabelFormats
import Logging
import Synchronization

/// Exports to OBS: a dataset's samples and labels written into a folder as a manifest or as PASCAL VOC files.
///
/// The files are written as every file of the labeling service is (through `ObjectStorage`, as the labeling service
/// principal): they land in the bucket as objects, encrypted as the bucket's default encryption says, and a bucket
/// that refuses the service fails the task with the reason. Nothing is copied: the manifest names each sample's
/// object where it is.
struct ExportService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage
    let logger: Logger
    /// The ids of the exports this service runs now: a task the catalog says is running and that is not here was cut
    /// short by a stop.
    let running = RunningExports()

    final class RunningExports: Sendable {
        let ids = Mutex<Set<String>>([])
    }

    /// Progress is written to the catalog after this many files.
    static let progressStep = 50

    /// Records a new task, running; `run` then writes the files.
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a path that is not an OBS folder,
    ///   a source scheme other than `obs://` and `s3://`, or PASCAL VOC for a dataset that is not of object detection.
    func start(datasetId: String, spec: ExportSpec) async throws -> ExportTask {
        _ = try StoragePath(parsing: spec.path, field: "The export path")
        guard ExportSpec.sourceSchemes.contains(spec.sourceScheme) else {
            throw LabelingError.invalidArgument(
                "The source scheme must be \(ExportSpec.sourceSchemes.joined(separator: " or ")), not \(spec.sourceScheme)"
            )
        }
        let dataset = try await catalog.dataset(id: datasetId)
        if spec.format == .pascalVOC && dataset.kind != .objectDetection {
            throw LabelingError.invalidArgument(
                "PASCAL VOC holds object detection labels, and dataset \(dataset.name) is of type \(dataset.kind.rawValue): export a manifest"
            )
        }
        let task = ExportTask(id: Identifier.make(), datasetId: datasetId, spec: spec, createdAt: Date())
        running.ids.withLock { _ = $0.insert(task.id) }
        do {
            try await catalog.startExport(task)
        } catch {
            running.ids.withLock { _ = $0.remove(task.id) }
            throw error
        }
        return task
    }

    /// Writes the task's files, the manifest last; a failure is the task's status.
    @discardableResult
    func run(_ task: ExportTask) async -> ExportTask {
        defer { running.ids.withLock { _ = $0.remove(task.id) } }
        var task = task
        do {
            let (dataset, all) = try await catalog.exportSnapshot(datasetId: task.datasetId)
            // PASCAL VOC files hold labels: an unlabeled sample has none to write.
            let samples = all.filter {
                Self.isSelected($0, by: task.spec.selection) && (task.spec.format == .manifest || !$0.annotations.isEmpty)
            }
            task.totalSampleCount = samples.count
            try await save(&task)
            let folder = try StoragePath(parsing: task.spec.path, field: "The export path")
            var layout = VersionManifest(
                kind: dataset.kind,
                inputPrefix: dataset.inputPrefix,
                outputBucket: folder.bucket,
                folder: folder.prefix,
                versionName: dataset.name,
                keepsHardExamples: !task.spec.clearsHardExamples
            )
            layout.sourceScheme = task.spec.sourceScheme
            let files: [VersionManifest.File]
            switch task.spec.format {
            case .manifest:
                files = try layout.files(for: samples)
            case .pascalVOC:
                layout.annotationFolder = ""
                files = try layout.pascalVOCFiles(for: samples)
            }
            for file in files {
                try await write(file, bucket: folder.bucket)
                task.fileCount += 1
                if file.key != layout.manifestKey { task.finishedSampleCount += 1 }
                if task.fileCount % Self.progressStep == 0 { try await save(&task) }
            }
            if task.spec.format == .manifest { task.manifestPath = "obs://\(folder.bucket)/\(layout.manifestKey)" }
            task.finishedSampleCount = task.totalSampleCount
            task.status = .completed
            task.finishedAt = Date()
            try await save(&task)
            logger.info(
                "Exported a dataset",
                metadata: [
                    "labeling.dataset": "\(task.datasetId)", "labeling.path": "\(task.spec.path)",
                    "labeling.samples": "\(task.totalSampleCount)", "labeling.files": "\(task.fileCount)",
                ]
            )
        } catch {
            task.status = .failed
            task.finishedAt = Date()
            task.error = error as? LabelingError ?? .exportFailed("The export failed: \(error)")
            try? await save(&task)
            logger.error("Export failed", metadata: ["labeling.dataset": "\(task.datasetId)", "labeling.error": "\(error)"])
        }
        return task
    }

    func tasks(datasetId: String, selection: ExportSpec.Selection?, offset: Int, limit: Int) async throws -> (tasks: [ExportTask], total: Int) {
        let running = self.running.ids.withLock { $0 }
        let page = try await catalog.exportTasks(datasetId: datasetId, selection: selection, offset: offset, limit: limit)
        return (page.tasks.map { $0.interrupted(unless: running) }, page.total)
    }

    func task(datasetId: String, taskId: String) async throws -> ExportTask {
        let running = self.running.ids.withLock { $0 }
        return try await catalog.exportTask(id: taskId, datasetId: datasetId).interrupted(unless: running)
    }

    static func isSelected(_ sample: SampleEntry, by selection: ExportSpec.Selection) -> Bool {
        switch selection {
        case .all: true
        case .labeled: !sample.annotations.isEmpty
        case .unlabeled: sample.annotations.isEmpty
        }
    }

    private func save(_ task: inout ExportTask) async throws {
        task.updatedAt = Date()
        try await catalog.updateExport(task)
    }

    private func write(_ file: VersionManifest.File, bucket: String) async throws {
        do {
            try await storage.writeObject(bucket: bucket, key: file.key, bytes: file.bytes, contentType: file.contentType)
        } catch {
            let storageError = StorageError.wrapping(error)
            if let denial = storageError.denial(of: .write, bucket: bucket, key: file.key) {
                throw LabelingError.storageAccessDenied(denial, consequence: "the export stopped there")
            }
            let why = storageError.explanation(of: .write, bucket: bucket, key: file.key)
            throw LabelingError.exportFailed("Writing obs://\(bucket)/\(file.key) failed: \(why); the export stopped there")
        }
    }
}
