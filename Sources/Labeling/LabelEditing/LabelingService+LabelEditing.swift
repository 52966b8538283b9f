extension LabelingService {
    /// The author of label changes made by a caller who gives no name.
    public static let defaultAuthor = LabelEditingService.defaultAuthor

    /// The most samples one update may name.
    public static let maxSampleUpdates = LabelEditingService.maxSampleUpdates

    /// Replaces the labels of samples; an update without annotations makes its sample unlabeled.
    ///
    /// Label names the dataset's label set lacks join it, with the annotation's color or a default one, as a sync adds
    /// them. An annotation color equal to its label's color is not stored, so that labels read back and written again
    /// stay as they were; on object detection samples, the PASCAL VOC flags of an unchanged box are kept.
    /// - Parameters:
    ///   - jobId: a labeling job whose own labels change (later syncs never overwrite them); nil, or the dataset's default
    ///     job, changes the dataset's labels, which the default job shows.
    ///   - author: who made the change, recorded as "labeled by".
    /// - Returns: one result per update, in order: an unknown sample fails alone.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job; invalidArgument for a bad label, a detection label
    ///   without a shape, a shape on another type, or a bad author (nothing changes then).
    public func updateSampleLabels(
        datasetId: String,
        jobId: String?,
        _ updates: [SampleLabelUpdate],
        author: String
    ) async throws -> [SampleUpdateResult] {
        try await labelEditing.updateSampleLabels(datasetId: datasetId, jobId: jobId, updates, author: author)
    }
}
