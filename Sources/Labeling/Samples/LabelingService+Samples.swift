extension LabelingService {
    /// A page of samples in key order (then line order), of the dataset or, with `jobId`, of one of its labeling jobs.
    public func listSamples(
        datasetId: String, jobId: String?, state: SampleStateFilter, offset: Int, limit: Int
    ) async throws
        -> (samples: [Sample], total: Int)
    {
        try await samples.list(datasetId: datasetId, jobId: jobId, filter: SampleFilter(state: state), offset: offset, limit: limit)
    }

    /// A page of the samples that pass the filter, in key order (then line order); `total` counts all that pass.
    public func listSamples(
        datasetId: String, jobId: String?, filter: SampleFilter, offset: Int, limit: Int
    ) async throws
        -> (samples: [Sample], total: Int)
    {
        try await samples.list(datasetId: datasetId, jobId: jobId, filter: filter, offset: offset, limit: limit)
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset, job or sample.
    public func sample(datasetId: String, jobId: String?, sampleId: String) async throws -> Sample {
        try await samples.sample(datasetId: datasetId, jobId: jobId, sampleId: sampleId)
    }

    /// "Obtaining Dataset Statistics" over all the dataset's samples, or only its labeled or unlabeled ones.
    /// - Throws: `LabelingError.datasetNotFound`.
    public func statistics(datasetId: String, state: SampleStateFilter = .all) async throws -> DatasetStatistics {
        try await samples.statistics(datasetId: datasetId, state: state)
    }

    /// All, labeled and unlabeled samples of the dataset or of one of its labeling jobs.
    public func sampleCounts(datasetId: String, jobId: String?) async throws -> SampleCounts {
        try await samples.counts(datasetId: datasetId, jobId: jobId)
    }

    /// The authors of the last label changes of the dataset's samples and of its jobs' own labels, sorted: what the
    /// "Labeled By" filter offers.
    public func labelers(datasetId: String) async throws -> [String] {
        try await samples.labelers(datasetId: datasetId)
    }

    /// The bytes of a sample's object, read as the labeling service reads every file: an object it may not decrypt
    /// fails here the way its label file fails in a sync.
    /// - Throws: `LabelingError` for an unknown dataset or sample; `StorageError` when the storage refuses the read or
    ///   the object is larger than `maxBytes`.
    public func sampleContent(datasetId: String, sampleId: String, maxBytes: Int) async throws -> (sample: Sample, bytes: [UInt8]) {
        try await samples.content(datasetId: datasetId, sampleId: sampleId, maxBytes: maxBytes)
    }
}
