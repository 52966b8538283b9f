import Foundation

/// One auto grouping task of a dataset, as its history ("View Task History") and progress show it.
public struct GroupingTask: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case running
        case completed
        case failed
        /// Stopped by a user before it wrote a result: the samples' attributes are as they were.
        case stopped
    }

    /// An image left out of the groups (it could not be read or decoded).
    public typealias Skipped = SkippedItem

    public var id: String
    public var datasetId: String
    public var spec: GroupingSpec
    public var status: Status
    /// The images to group: the dataset's samples when the task started.
    public var totalSampleCount: Int
    /// Images read and measured (or skipped) so far: the progress.
    public var processedSampleCount: Int
    /// Images skipped; `skipped` details the first `GroupingService.maxSkippedDetails`.
    public var skippedCount: Int
    public var skipped: [Skipped]
    /// How many images each group got, group 0 first, once completed.
    public var groupSizes: [Int]
    /// For a result saved to OBS: the file written, `obs://bucket/key`.
    public var resultFile: String?
    public var author: String?
    public var createdAt: Date
    public var finishedAt: Date?
    public var error: LabelingError?
    /// A stop was asked for and the task has not seen it yet (not stored: only the running process knows).
    public var isStopping = false

    /// The share of the images processed, in [0, 1]; 1 once the task is over.
    public var progress: Double {
        guard status == .running else { return 1 }
        return totalSampleCount == 0 ? 0 : Double(processedSampleCount) / Double(totalSampleCount)
    }
}

extension GroupingTask {
    /// A new task, running.
    init(id: String, datasetId: String, spec: GroupingSpec, author: String?, createdAt: Date) {
        self.init(
            id: id, datasetId: datasetId, spec: spec, status: .running, totalSampleCount: 0, processedSampleCount: 0,
            skippedCount: 0, skipped: [], groupSizes: [], author: author, createdAt: createdAt
        )
    }

    /// The task as the history shows it: one recorded as running that no grouping of this process runs was cut short
    /// by a stop.
    func interrupted(unless running: Set<String>) -> GroupingTask {
        guard status == .running, !running.contains(id) else { return self }
        var task = self
        task.status = .failed
        task.error = .interruptedGrouping
        return task
    }
}

extension LabelingError {
    static func groupingTaskNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: .groupingTaskNotFound, message: "Auto grouping task \(id) of dataset \(datasetId) does not exist")
    }

    static func groupingFailed(_ message: String) -> LabelingError {
        LabelingError(code: .groupingFailed, message: message)
    }

    static let interruptedGrouping = LabelingError(
        code: .groupingFailed,
        message: "The auto grouping task was interrupted: obslab stopped while it ran"
    )
}
