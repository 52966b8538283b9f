extension LabelingService {
    /// The bytes of a sample's object, read as the labeling service reads every file: an object it may not decrypt
    /// fails here the way its label file fails in a sync.
    /// - Throws: `LabelingError` for an unknown dataset or sample; `StorageError` when the storage refuses the read or
    ///   the object is larger than `maxBytes`.
    public func sampleContent(datasetId: String, sampleId: String, maxBytes: Int) async throws -> (sample: Sample, bytes: [UInt8]) {
        let sample = try await sample(datasetId: datasetId, jobId: nil, sampleId: sampleId)
        do {
            return (sample, try await storage.readObject(bucket: sample.bucket, key: sample.key, maxBytes: maxBytes))
        } catch {
            throw StorageError.wrapping(error)
        }
    }
}
