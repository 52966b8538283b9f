import Foundation
import ImageAnalysis
import LabelFormats
import Logging
import Synchronization

/// Auto grouping: the images of an image classification or object detection dataset clustered into groups by what
/// their pixels look like (color, brightness, sharpness), with k-means.
///
/// Every image of the dataset is grouped, labeled or not, so that an image's group does not move when others are
/// labeled: the same images and seed always give the same groups. Images are read as the labeling service reads every
/// file (through `ObjectStorage`): one it may not read or decrypt, or that is not a PNG or JPEG, is skipped with the
/// reason, and the others are grouped.
struct GroupingService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage
    let logger: Logger
    /// The ids of the tasks this service runs now: a task the catalog says is running and that is not here was cut
    /// short by a stop.
    let running = RunningTasks()

    final class RunningTasks: Sendable {
        let ids = Mutex<Set<String>>([])
        /// Running tasks a user asked to stop.
        let stopping = Mutex<Set<String>>([])

        func isStopping(_ id: String) -> Bool { stopping.withLock { $0.contains(id) } }
    }

    /// Thrown inside `run` when the task sees its stop.
    private struct Stopped: Error {}

    /// The largest image file read.
    static let maxImageBytes = 64 << 20
    /// The most skipped images a task keeps the reason of (all are counted).
    static let maxSkippedDetails = 1000
    /// Progress is written to the catalog after this many images.
    static let progressStep = 10

    /// Records a new task, running; `run` then does the work.
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a bad spec or a dataset that is
    ///   not of images.
    func start(datasetId: String, spec: GroupingSpec, author: String?) async throws -> GroupingTask {
        let spec = try spec.validated()
        let dataset = try await catalog.dataset(id: datasetId)
        guard [.imageClassification, .objectDetection].contains(dataset.kind) else {
            throw LabelingError.invalidArgument(
                "Auto grouping groups images: dataset \(dataset.name) is a \(dataset.kind.rawValue) dataset, "
                    + "not image classification or object detection"
            )
        }
        let task = GroupingTask(id: Identifier.make(), datasetId: datasetId, spec: spec, author: author, createdAt: Date())
        running.ids.withLock { _ = $0.insert(task.id) }
        do {
            try await catalog.startGrouping(task)
        } catch {
            running.ids.withLock { _ = $0.remove(task.id) }
            throw error
        }
        return task
    }

    /// Reads, measures and groups the images, then writes the result; a failure is the task's status.
    @discardableResult
    func run(_ task: GroupingTask) async -> GroupingTask {
        defer {
            running.ids.withLock { _ = $0.remove(task.id) }
            running.stopping.withLock { _ = $0.remove(task.id) }
        }
        var task = task
        do {
            let images = try await catalog.groupingCandidates(datasetId: task.datasetId)
            task.totalSampleCount = images.count
            try await catalog.updateGrouping(task)
            var measured: [(image: GroupingCandidate, vector: [Double])] = []
            let selection = Self.selection(task.spec.effectiveFeatures)
            for (index, image) in images.enumerated() {
                switch await measure(image) {
                case .success(let features): measured.append((image, features.vector(selection)))
                case .failure(let reason): Self.skip(&task, source: image.source, reason: reason)
                }
                task.processedSampleCount = index + 1
                if running.isStopping(task.id) { throw Stopped() }
                if task.processedSampleCount % Self.progressStep == 0 { try await catalog.updateGrouping(task) }
            }
            if running.isStopping(task.id) { throw Stopped() }
            let groupCount = task.spec.groupCount
            guard measured.count >= groupCount else {
                throw LabelingError.groupingFailed(
                    "\(groupCount) groups need at least \(groupCount) images: \(measured.count) of the dataset's \(images.count) "
                        + "could be read and decoded" + (task.skippedCount > 0 ? " (see the skipped images)" : "")
                )
            }
            let groups = KMeans(k: groupCount, seed: task.spec.seed).assign(measured.map(\.vector))
            task.groupSizes = (0..<groupCount).map { group in groups.count(where: { $0 == group }) }
            let assignments = zip(measured, groups).map { (sampleId: $0.0.image.sampleId, source: $0.0.image.source, group: $0.1) }
            switch task.spec.result {
            case .attribute(let name):
                task.status = .completed
                task.finishedAt = Date()
                try await catalog.completeGrouping(task, attribute: name, groups: assignments.map { ($0.sampleId, String($0.group)) })
            case .obs(let folder):
                task.resultFile = try await writeResult(assignments, task: task, folder: folder)
                task.status = .completed
                task.finishedAt = Date()
                try await catalog.updateGrouping(task)
            }
            logger.info(
                "Grouped the images of a dataset",
                metadata: [
                    "labeling.dataset": "\(task.datasetId)", "labeling.groups": "\(task.groupSizes)",
                    "labeling.skipped": "\(task.skippedCount)",
                ]
            )
        } catch is Stopped {
            task.status = .stopped
            task.finishedAt = Date()
            try? await catalog.updateGrouping(task)
            logger.info("Auto grouping stopped", metadata: ["labeling.dataset": "\(task.datasetId)", "labeling.task": "\(task.id)"])
        } catch {
            task.status = .failed
            task.finishedAt = Date()
            task.error = error as? LabelingError ?? .groupingFailed("The auto grouping task failed: \(error)")
            try? await catalog.updateGrouping(task)
            logger.error("Auto grouping failed", metadata: ["labeling.dataset": "\(task.datasetId)", "labeling.error": "\(error)"])
        }
        return task
    }

    func tasks(datasetId: String, offset: Int, limit: Int) async throws -> (tasks: [GroupingTask], total: Int) {
        let page = try await catalog.groupingTasks(datasetId: datasetId, offset: offset, limit: limit)
        return (page.tasks.map(current), page.total)
    }

    func task(datasetId: String, taskId: String) async throws -> GroupingTask {
        current(try await catalog.groupingTask(id: taskId, datasetId: datasetId))
    }

    /// Asks a running task to stop; it stops after the image it is reading, before writing any result.
    /// - Returns: the task as it is now (stopping, or already stopped).
    /// - Throws: `LabelingError` notFound for an unknown dataset or task; invalidArgument for a task already over.
    func stop(datasetId: String, taskId: String) async throws -> GroupingTask {
        let task = try await self.task(datasetId: datasetId, taskId: taskId)
        switch task.status {
        case .running:
            running.stopping.withLock { _ = $0.insert(taskId) }
            var stopping = task
            stopping.isStopping = true
            return stopping
        case .stopped:
            return task
        case .completed, .failed:
            throw LabelingError.invalidArgument("Auto grouping task \(taskId) is over (\(task.status.rawValue)): there is nothing to stop")
        }
    }

    /// The stored task as this process knows it: interrupted by a stop of obslab, or being stopped.
    private func current(_ stored: GroupingTask) -> GroupingTask {
        var task = stored.interrupted(unless: running.ids.withLock { $0 })
        task.isStopping = task.status == .running && running.isStopping(task.id)
        return task
    }

    // MARK: - Measuring

    /// The image's features, or why it cannot be grouped.
    private func measure(_ image: GroupingCandidate) async -> Result<ImageFeatures, SkipReason> {
        let bytes: [UInt8]
        do {
            bytes = try await storage.readObject(bucket: image.bucket, key: image.key, maxBytes: Self.maxImageBytes)
        } catch {
            return .failure(SkipReason(StorageError.wrapping(error).explanation(of: .read, bucket: image.bucket, key: image.key)))
        }
        // Decoding and measuring are CPU work: off the caller's executor, one image at a time.
        return await Task.detached(priority: .utility) {
            do throws(ImageDecodingError) {
                return .success(ImageFeatures(of: try ImageDecoder.decode(bytes)))
            } catch {
                return .failure(SkipReason("it cannot be decoded: \(error.reason)"))
            }
        }.value
    }

    struct SkipReason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    static func selection(_ features: Set<GroupingSpec.Feature>) -> ImageFeatures.Selection {
        var selection: ImageFeatures.Selection = []
        if features.contains(.color) { selection.insert(.color) }
        if features.contains(.brightness) { selection.insert(.brightness) }
        if features.contains(.sharpness) { selection.insert(.sharpness) }
        return selection
    }

    static func skip(_ task: inout GroupingTask, source: String, reason: SkipReason) {
        task.skippedCount += 1
        if task.skipped.count < maxSkippedDetails { task.skipped.append(GroupingTask.Skipped(source: source, reason: reason.text)) }
    }

    // MARK: - Saving to OBS

    /// Writes `auto-grouping-<task id>.jsonl` into the folder: one line a grouped image,
    /// `{"source":"obs://…","sample_id":"…","group":0}`, in the images' order.
    /// - Returns: the file written, `obs://bucket/key`.
    private func writeResult(
        _ assignments: [(sampleId: String, source: String, group: Int)],
        task: GroupingTask,
        folder: String
    ) async throws -> String {
        let path = try StoragePath(parsing: folder, field: "The result storage path")
        let key = path.prefix + "auto-grouping-\(task.id).jsonl"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes: [UInt8] = []
        for assignment in assignments {
            let line = ResultLine(source: assignment.source, sampleId: assignment.sampleId, group: assignment.group)
            bytes += try encoder.encode(line)
            bytes.append(UInt8(ascii: "\n"))
        }
        do {
            try await storage.writeObject(bucket: path.bucket, key: key, bytes: bytes, contentType: "application/jsonl")
        } catch {
            let why = StorageError.wrapping(error).explanation(of: .write, bucket: path.bucket, key: key)
            throw LabelingError.groupingFailed("Writing the groups to obs://\(path.bucket)/\(key) failed: \(why)")
        }
        return "obs://\(path.bucket)/\(key)"
    }

    private struct ResultLine: Encodable {
        var source: String
        var sampleId: String
        var group: Int

        enum CodingKeys: String, CodingKey {
            case source
            case sampleId = "sample_id"
            case group
        }
    }
}

/// An image to group: a sample of the dataset and its object.
struct GroupingCandidate: Sendable, Hashable {
    var sampleId: String
    var bucket: String
    var key: String

    var source: String { "obs://\(bucket)/\(key)" }
}
