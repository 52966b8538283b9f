extension LabelingError {
    public static func importTaskNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: .importTaskNotFound, message: "Import task \(id) of dataset \(datasetId) does not exist")
    }

    /// The storage refused a file of an add, or the manifest of an import.
    public static func importFailed(_ message: String) -> LabelingError {
        LabelingError(code: .importFailed, message: message)
    }

    /// An import that was running when obslab stopped.
    static let interruptedImport = LabelingError(code: .importFailed, message: "The import was interrupted: obslab stopped while it ran")
}
