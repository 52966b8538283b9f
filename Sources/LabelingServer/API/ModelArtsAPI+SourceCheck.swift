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

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case sampleId = "sample_id"
            case time
            case deleteMarkerVersionId = "delete_marker_version_id"
        }
    }
}
