extension LabelingService {
    /// Records an auto grouping task of the dataset, running, and returns it at once: `runGrouping` does the work
    /// (the API runs it in the background, so the task's progress can be watched).
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a group count out of 2…200, a bad
    ///   attribute name or OBS folder, or a dataset that is not of images.
    public func startGrouping(datasetId: String, _ spec: GroupingSpec, author: String?) async throws -> GroupingTask {
        try await grouping.start(datasetId: datasetId, spec: spec, author: author)
    }

    /// Reads, measures and groups the task's images and writes the result (the samples' attribute, or a file in OBS).
    /// A failure is the task's status, not an error.
    @discardableResult
    public func runGrouping(_ task: GroupingTask) async -> GroupingTask {
        await grouping.run(task)
    }

    /// The dataset's auto grouping tasks, newest first.
    public func groupingTasks(datasetId: String, offset: Int, limit: Int) async throws -> (tasks: [GroupingTask], total: Int) {
        try await grouping.tasks(datasetId: datasetId, offset: offset, limit: limit)
    }

    /// Asks a running task to stop: it stops after the image it is reading, before writing any result, and its status
    /// becomes stopped.
    /// - Throws: `LabelingError` notFound for an unknown dataset or task; invalidArgument for a task already over.
    @discardableResult
    public func stopGrouping(datasetId: String, taskId: String) async throws -> GroupingTask {
        try await grouping.stop(datasetId: datasetId, taskId: taskId)
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or task.
    public func groupingTask(datasetId: String, taskId: String) async throws -> GroupingTask {
        try await grouping.task(datasetId: datasetId, taskId: taskId)
    }

    /// The sample attributes of the dataset (what auto grouping wrote) and the values each takes, sorted: what the
    /// "Sample Attribute" filter offers.
    public func sampleAttributes(datasetId: String) async throws -> [String: [String]] {
        try await samples.attributes(datasetId: datasetId)
    }
}
