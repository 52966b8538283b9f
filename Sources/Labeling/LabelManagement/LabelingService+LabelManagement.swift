import LabelFormats

extension LabelingService {
    /// The dataset's label set in the order labels were added, each with the number of the dataset's samples carrying it.
    public func labels(datasetId: String) async throws -> [LabelStatistic] {
        try await labelManagement.labels(datasetId: datasetId)
    }

    /// Adds labels to the dataset's label set: of the dataset's label type, with names not in the set yet.
    /// A label without a color gets one of the default colors.
    public func addLabels(datasetId: String, _ labels: [Label]) async throws {
        try await labelManagement.addLabels(datasetId: datasetId, labels)
    }

    /// Renames, recolors or sets properties of labels, all or none.
    ///
    /// A rename changes the label on every sample carrying it, recording `author` as who labeled those samples.
    /// ModelArts does not document a merge: renaming onto a name the label set has is a conflict.
    /// - Throws: `LabelingError` notFound for an unknown dataset or label, invalidArgument for a bad name or color,
    ///   conflict for a new name in use.
    public func updateLabels(datasetId: String, _ changes: [LabelChange], author: String) async throws {
        try await labelManagement.updateLabels(datasetId: datasetId, changes, author: author)
    }

    /// What deleting labels with `policy` would do, changing nothing: the samples left with no label that policies 1
    /// and 2 delete, and the impact of deleting them (with their source files for policy 2).
    /// - Throws: `LabelingError` notFound for an unknown dataset or label, invalidArgument for an empty list.
    public func labelDeletionPlan(datasetId: String, names: [String], policy: LabelDeletionPolicy) async throws -> LabelDeletionReport {
        try await labelManagement.labelDeletionPlan(datasetId: datasetId, names: names, policy: policy)
    }

    /// Deletes labels from the label set and from every sample carrying them (the dataset's labels and its jobs' own).
    ///
    /// Policies 1 and 2 first delete the samples that carry only labels being deleted, through `deleteSamples`, so that
    /// they stay deleted through syncs and (for policy 2) their source files go with the impact worked out and
    /// recorded. A label some of whose samples could not be deleted is kept, so that the deletion can be tried again.
    /// - Throws: `LabelingError` notFound for an unknown dataset or label (nothing is deleted then), invalidArgument for
    ///   an empty list or a bad author.
    public func deleteLabels(datasetId: String, names: [String], policy: LabelDeletionPolicy, author: String) async throws -> LabelDeletionReport {
        try await labelManagement.deleteLabels(datasetId: datasetId, names: names, policy: policy, author: author)
    }
}
