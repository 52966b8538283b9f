extension ModelArtsAPI {
    /// `GET …/datasets/{dataset_id}/source-check`, obslab's own: the dataset's samples and versions whose source files the
    /// storage no longer lists, and who deleted them through the labeling layer.
    public struct SourceCheck: Codable, Sendable {
        public var datasetId: String
        public var datasetName: String
        /// No sample and no version misses a file.
        public var intact: Bool
        public var checkedSampleCount: Int
        public var missingSampleCount: Int
        public var missingSamples: [MissingSource]
        public var versions: [VersionSourceCheck]

        public init(
            datasetId: String,
            datasetName: String,
            intact: Bool,
            checkedSampleCount: Int,
            missingSampleCount: Int,
            missingSamples: [MissingSource],
            versions: [VersionSourceCheck]
        ) {
            self.datasetId = datasetId
            self.datasetName = datasetName
            self.intact = intact
            self.checkedSampleCount = checkedSampleCount
            self.missingSampleCount = missingSampleCount
            self.missingSamples = missingSamples
            self.versions = versions
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case intact
            case checkedSampleCount = "checked_sample_count"
            case missingSampleCount = "missing_sample_count"
            case missingSamples = "missing_samples"
            case versions
        }
    }

    /// One published version's missing files.
    public struct VersionSourceCheck: Codable, Sendable {
        public var versionId: String
        public var versionName: String
        public var totalSampleCount: Int
        public var missingSampleCount: Int
        public var missing: [MissingSource]

        public init(versionId: String, versionName: String, totalSampleCount: Int, missingSampleCount: Int, missing: [MissingSource]) {
            self.versionId = versionId
            self.versionName = versionName
            self.totalSampleCount = totalSampleCount
            self.missingSampleCount = missingSampleCount
            self.missing = missing
        }

        enum CodingKeys: String, CodingKey {
            case versionId = "version_id"
            case versionName = "version_name"
            case totalSampleCount = "total_sample_count"
            case missingSampleCount = "missing_sample_count"
            case missing
        }
    }

    /// A sample whose source file is gone; `deleted_by` when a sample deletion with `delete_source` removed it.
    public struct MissingSource: Codable, Sendable {
        public var sampleId: String
        /// `obs://bucket/key`.
        public var source: String
        public var deletedBy: SourceDeletionRecord?

        public init(sampleId: String, source: String, deletedBy: SourceDeletionRecord? = nil) {
            self.sampleId = sampleId
            self.source = source
            self.deletedBy = deletedBy
        }

        enum CodingKeys: String, CodingKey {
            case sampleId = "sample_id"
            case source
            case deletedBy = "deleted_by"
        }
    }

    /// The sample deletion that removed a source file; `time` in milliseconds since 1970.
    public struct SourceDeletionRecord: Codable, Sendable {
        public var datasetId: String
        public var datasetName: String
        public var sampleId: String
        public var time: Int64
        /// Deleting this delete marker brings the file back.
        public var deleteMarkerVersionId: String?

        public init(datasetId: String, datasetName: String, sampleId: String, time: Int64, deleteMarkerVersionId: String? = nil) {
            self.datasetId = datasetId
            self.datasetName = datasetName
            self.sampleId = sampleId
            self.time = time
            self.deleteMarkerVersionId = deleteMarkerVersionId
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case sampleId = "sample_id"
            case time
            case deleteMarkerVersionId = "delete_marker_version_id"
        }
    }
}
