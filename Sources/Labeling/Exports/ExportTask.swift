import Foundation

/// One export of a dataset to OBS, as the export task list and status show it.
public struct ExportTask: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case running
        case completed
        case failed
    }

    public var id: String
    public var datasetId: String
    public var spec: ExportSpec
    public var status: Status
    /// The samples selected when the export started.
    public var totalSampleCount: Int
    /// Samples written so far: the progress.
    public var finishedSampleCount: Int
    /// Files written so far: PASCAL VOC files, and the manifest last.
    public var fileCount: Int
    /// The manifest written, `obs://bucket/key`, once a manifest export completed.
    public var manifestPath: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    public var error: LabelingError?

    /// The share of the samples written, in [0, 1]; 1 once the task is over.
    public var progress: Double {
        guard status == .running else { return 1 }
        return totalSampleCount == 0 ? 0 : Double(finishedSampleCount) / Double(totalSampleCount)
    }
}

extension ExportTask {
    /// A new task, running.
    init(id: String, datasetId: String, spec: ExportSpec, createdAt: Date) {
        self.init(
            id: id, datasetId: datasetId, spec: spec, status: .running, totalSampleCount: 0, finishedSampleCount: 0, fileCount: 0,
            createdAt: createdAt, updatedAt: createdAt
        )
    }

    /// The task as the list shows it: one recorded as running that no export of this process runs was cut short by a
    /// stop.
    func interrupted(unless running: Set<String>) -> ExportTask {
        guard status == .running, !running.contains(id) else { return self }
        var task = self
        task.status = .failed
        task.error = .interruptedExport
        return task
    }
}

extension LabelingError {
    static func exportTaskNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: .exportTaskNotFound, message: "Export task \(id) of dataset \(datasetId) does not exist")
    }

    static func exportFailed(_ message: String) -> LabelingError {
        LabelingError(code: .exportFailed, message: message)
    }

    static let interruptedExport = LabelingError(code: .exportFailed, message: "The export was interrupted: obslab stopped while it ran")
}
