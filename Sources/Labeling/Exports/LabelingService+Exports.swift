extension LabelingService {
    /// Records an export of the dataset to an OBS folder, running; `runExport` writes its files (the API runs it in
    /// the background, so the task's progress can be watched).
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a path that is not an OBS folder,
    ///   a bad source scheme, or PASCAL VOC for a dataset that is not of object detection.
    public func startExport(datasetId: String, _ spec: ExportSpec) async throws -> ExportTask {
        try await exports.start(datasetId: datasetId, spec: spec)
    }

    /// Writes the task's files through the storage, the manifest last. A failure (the bucket refuses the labeling
    /// service, a label cannot be written as PASCAL VOC) is the task's status, not an error.
    @discardableResult
    public func runExport(_ task: ExportTask) async -> ExportTask {
        await exports.run(task)
    }

    /// The dataset's exports (those of one selection, when given), newest first.
    public func exportTasks(
        datasetId: String,
        selection: ExportSpec.Selection? = nil,
        offset: Int,
        limit: Int
    ) async throws -> (tasks: [ExportTask], total: Int) {
        try await exports.tasks(datasetId: datasetId, selection: selection, offset: offset, limit: limit)
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or task.
    public func exportTask(datasetId: String, taskId: String) async throws -> ExportTask {
        try await exports.task(datasetId: datasetId, taskId: taskId)
    }
}
