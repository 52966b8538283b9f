/// Samples as a dataset or one of its labeling jobs shows them, filtered, counted, and read from the storage.
struct SampleService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage

    func list(datasetId: String, jobId: String?, filter: SampleFilter, offset: Int, limit: Int) async throws -> (samples: [Sample], total: Int) {
        try await catalog.samples(of: datasetId, jobId: jobId, matching: filter, offset: offset, limit: limit)
    }

    func sample(datasetId: String, jobId: String?, sampleId: String) async throws -> Sample {
        try await catalog.sample(id: sampleId, datasetId: datasetId, jobId: jobId)
    }

    func statistics(datasetId: String, state: SampleStateFilter) async throws -> DatasetStatistics {
        try await catalog.statistics(datasetId: datasetId, state: state)
    }

    func counts(datasetId: String, jobId: String?) async throws -> SampleCounts {
        try await catalog.sampleCounts(datasetId: datasetId, jobId: jobId)
    }

    func labelers(datasetId: String) async throws -> [String] {
        try await catalog.labelers(datasetId: datasetId)
    }

    func attributes(datasetId: String) async throws -> [String: [String]] {
        try await catalog.sampleAttributeValues(datasetId: datasetId)
    }

    func content(datasetId: String, sampleId: String, maxBytes: Int) async throws -> (sample: Sample, bytes: [UInt8]) {
        let sample = try await catalog.sample(id: sampleId, datasetId: datasetId, jobId: nil)
        do {
            return (sample, try await storage.readObject(bucket: sample.bucket, key: sample.key, maxBytes: maxBytes))
        } catch {
            throw StorageError.wrapping(error)
        }
    }
}
