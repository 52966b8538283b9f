/// Import errors: `ModelArts.0102` for an unknown task, as for other resources; a storage failure during an add or
/// import has no documented code: `ModelArts.4363`, after the dataset range's 4360–4362.
extension LabelingError {
    public static func importTaskNotFound(_ id: String, datasetId: String) -> LabelingError {
        LabelingError(code: "ModelArts.0102", message: "Import task \(id) of dataset \(datasetId) does not exist", kind: .notFound)
    }

    /// The storage refused a file of an add, or the manifest of an import.
    public static func importFailed(_ message: String) -> LabelingError {
        LabelingError(code: "ModelArts.4363", message: message, kind: .internal)
    }

    /// An import that was running when obslab stopped.
    static let interruptedImport = LabelingError(
        code: "ModelArts.4363",
        message: "The import was interrupted: obslab stopped while it ran",
        kind: .internal
    )
}
