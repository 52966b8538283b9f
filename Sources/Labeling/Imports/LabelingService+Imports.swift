extension LabelingService {
    /// The most files one add may send.
    public static let maxAddedSamples = ImportService.maxAddedSamples
    /// The most skipped entries a task keeps the reason of (all are counted).
    public static let maxSkippedDetails = ImportService.maxSkippedDetails

    /// Writes the files into the dataset's input path and makes their samples, labeled with the labels given (by
    /// `author`, now) or, without labels, as a sync would label them. A file whose name is taken (by an object or a
    /// sample) or that the storage refuses fails alone; the add is recorded in the import history.
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a bad author, no files or too many,
    ///   or a bad label (nothing is written then).
    public func addSamples(datasetId: String, _ samples: [NewSample], author: String) async throws -> AddReport {
        try await imports.addSamples(datasetId: datasetId, samples, author: author)
    }

    /// Imports a folder inside the input path (a sync) or a manifest (its entries under the input path, with their
    /// labels), and records it in the import history. A failure once the import has started (the manifest cannot be
    /// read, the sync fails) is the task's status, not an error.
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument for a path that is not an OBS path, a
    ///   folder outside the input path, or a manifest for a text classification dataset.
    public func importData(datasetId: String, _ spec: ImportSpec) async throws -> ImportTask {
        try await imports.importData(datasetId: datasetId, spec)
    }

    /// The dataset's adds and imports, newest first.
    public func importTasks(datasetId: String, offset: Int, limit: Int) async throws -> (tasks: [ImportTask], total: Int) {
        try await imports.importTasks(datasetId: datasetId, offset: offset, limit: limit)
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or task.
    public func importTask(datasetId: String, taskId: String) async throws -> ImportTask {
        try await imports.importTask(datasetId: datasetId, taskId: taskId)
    }
}
