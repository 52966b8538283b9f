extension LabelingService {
    /// ModelArts's error for a dataset on a KMS-encrypted bucket.
    public static let kmsUnsupportedErrorCode = DiagnosisService.kmsUnsupportedErrorCode

    /// Groups the dataset's unlabeled samples by why the last sync left them unlabeled, and names the fixes.
    ///
    /// Encryption is blamed only for label files the storage refused to decrypt; a bucket whose default encryption
    /// the labeling service can read through (SSE-S3) is reported as not the cause.
    /// - Throws: `LabelingError.datasetNotFound`.
    public func diagnose(datasetId: String) async throws -> DatasetDiagnosis {
        try await diagnosis.diagnose(datasetId: datasetId)
    }
}
