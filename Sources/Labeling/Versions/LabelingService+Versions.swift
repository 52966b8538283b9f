extension LabelingService {
    /// Publishes the dataset's samples (labeled or not) and labels as a new version: writes its manifest to the output
    /// path through the storage, then freezes the samples in the catalog. Nothing is recorded if a write fails.
    /// - Throws: `LabelingError` invalidArgument for a bad name or description, conflict for a name in use, internal
    ///   when the storage refuses a write (a bucket whose default KMS key the service may not use, for one).
    public func publishVersion(datasetId: String, _ spec: VersionSpec) async throws -> DatasetVersion {
        try await versions.publishVersion(datasetId: datasetId, spec)
    }

    /// The dataset's versions, newest first; the newest is the current one.
    public func listVersions(datasetId: String, offset: Int, limit: Int) async throws -> (versions: [DatasetVersion], total: Int) {
        try await versions.listVersions(datasetId: datasetId, offset: offset, limit: limit)
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or version.
    public func version(datasetId: String, versionId: String) async throws -> DatasetVersion {
        try await versions.version(datasetId: datasetId, versionId: versionId)
    }

    /// Deletes the version from the catalog; its manifest stays in the output path, as the files a training job may
    /// still read.
    public func deleteVersion(datasetId: String, versionId: String) async throws {
        try await versions.deleteVersion(datasetId: datasetId, versionId: versionId)
    }
}
