extension LabelingService {
    /// The most samples one deletion takes.
    public static let maxSamplesPerDeletion = DeletionService.maxSamplesPerDeletion

    /// What deleting these samples would break, without deleting anything.
    /// - Throws: `LabelingError` notFound for an unknown dataset, invalidArgument for an empty or oversized list.
    public func deletionImpact(
        datasetId: String, sampleIds: [String], deleteSource: Bool, keepLabelFiles: Bool = false
    ) async throws
        -> DeletionImpact
    {
        try await deletion.deletionImpact(datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
    }

    /// Deletes samples of a dataset and, with `deleteSource` (ignored for text datasets), their source files and, unless
    /// `keepLabelFiles`, their label files (an image uploaded again under the same name would otherwise pick up the old
    /// labels).
    ///
    /// Each requested sample gets a result: an unknown id fails alone, and the samples of a file the storage refuses to
    /// delete are kept. A sample deleted without its file stays deleted through later syncs until the file changes.
    public func deleteSamples(
        datasetId: String, sampleIds: [String], deleteSource: Bool, keepLabelFiles: Bool = false
    ) async throws
        -> SampleDeletionReport
    {
        try await deletion.deleteSamples(datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
    }

    /// Checks the dataset's samples and every version it published against the storage's listing now: which source
    /// files are gone, and for each, the sample deletion that removed it when it went that way.
    /// - Throws: `LabelingError` notFound for an unknown dataset; syncFailed when the storage cannot be listed.
    public func checkSources(datasetId: String) async throws -> SourceCheck {
        try await deletion.checkSources(datasetId: datasetId)
    }
}
