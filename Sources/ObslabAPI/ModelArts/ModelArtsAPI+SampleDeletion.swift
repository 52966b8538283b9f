extension ModelArtsAPI {
    /// `POST …/data-annotations/samples/delete`, and obslab's `…/samples/delete-impact` that only tells what it would do.
    public struct DeleteSamples: Codable, Sendable, ExactRequest {
        public var samples: [String]?
        /// Also delete each sample's source file (false when absent); ignored for text datasets.
        public var deleteSource: Bool?
        /// obslab's: keep the label files of the samples whose source files go (false when absent: they go too).
        public var keepLabelFiles: Bool?

        /// The most sample ids one request may name (the labeling service refuses more, too).
        public static let maxSamples = 1000

        public init(samples: [String]?, deleteSource: Bool? = nil, keepLabelFiles: Bool? = nil) {
            self.samples = samples
            self.deleteSource = deleteSource
            self.keepLabelFiles = keepLabelFiles
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case samples
            case deleteSource = "delete_source"
            case keepLabelFiles = "keep_label_files"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// The answer to a sample deletion: ModelArts's `success` and `results`, and obslab's `impact`.
    public struct SampleDeletion: Codable, Sendable {
        /// Whether every requested sample was deleted.
        public var success: Bool
        /// One per requested sample, in request order.
        public var results: [BatchResult]
        public var impact: DeletionImpact

        public init(success: Bool, results: [BatchResult], impact: DeletionImpact) {
            self.success = success
            self.results = results
            self.impact = impact
        }

    }

    /// What deleting some samples breaks beyond their dataset (obslab's addition): the source files that go, other
    /// datasets with samples on them, and the published versions (of any dataset) that list them.
    public struct DeletionImpact: Codable, Sendable {
        public var datasetId: String
        public var datasetName: String
        public var deleteSource: Bool
        /// Whether other datasets or versions lose files.
        public var breaksOthers: Bool
        public var sourceFiles: [SourceFile]
        /// The label files of the samples whose source files go: deleted with them unless `keepLabelFiles`.
        public var labelFiles: [SourceFile]
        public var keepLabelFiles: Bool
        public var otherDatasets: [AffectedDataset]
        public var versions: [AffectedVersion]

        public init(
            datasetId: String,
            datasetName: String,
            deleteSource: Bool,
            breaksOthers: Bool,
            sourceFiles: [SourceFile],
            labelFiles: [SourceFile],
            keepLabelFiles: Bool,
            otherDatasets: [AffectedDataset],
            versions: [AffectedVersion]
        ) {
            self.datasetId = datasetId
            self.datasetName = datasetName
            self.deleteSource = deleteSource
            self.breaksOthers = breaksOthers
            self.sourceFiles = sourceFiles
            self.labelFiles = labelFiles
            self.keepLabelFiles = keepLabelFiles
            self.otherDatasets = otherDatasets
            self.versions = versions
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case deleteSource = "delete_source"
            case breaksOthers = "breaks_others"
            case sourceFiles = "source_files"
            case labelFiles = "label_files"
            case keepLabelFiles = "keep_label_files"
            case otherDatasets = "other_datasets"
            case versions
        }
    }

    /// A source (or label) file of the samples being deleted, and after the deletion what became of it.
    public struct SourceFile: Codable, Sendable {
        /// `obs://bucket/key`.
        public var source: String
        public var sampleIds: [String]
        /// Whether the bucket keeps versions (the file can be brought back); null when the storage cannot tell.
        public var versioningEnabled: Bool?
        /// Absent before the deletion.
        public var outcome: SourceDeletionOutcome?

        public init(source: String, sampleIds: [String], versioningEnabled: Bool? = nil, outcome: SourceDeletionOutcome? = nil) {
            self.source = source
            self.sampleIds = sampleIds
            self.versioningEnabled = versioningEnabled
            self.outcome = outcome
        }

        enum CodingKeys: String, CodingKey {
            case source
            case sampleIds = "sample_ids"
            case versioningEnabled = "versioning_enabled"
            case outcome
        }

        /// Writes `versioning_enabled` even when unknown, as `null`: "cannot tell" is an answer.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(sampleIds, forKey: .sampleIds)
            try container.encode(versioningEnabled, forKey: .versioningEnabled)
            try container.encodeIfPresent(outcome, forKey: .outcome)
        }
    }

    /// What deleting a source file did: `deleted`, `delete_marker` (the marker's version id restores the file once
    /// deleted) or `failed` (the file and its samples stay).
    public struct SourceDeletionOutcome: Codable, Sendable {
        public var status: String
        public var deleteMarkerVersionId: String?
        public var errorCode: String?
        public var errorMessage: String?

        public init(status: String, deleteMarkerVersionId: String? = nil, errorCode: String? = nil, errorMessage: String? = nil) {
            self.status = status
            self.deleteMarkerVersionId = deleteMarkerVersionId
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        public static let deleted = "deleted"
        public static let deleteMarker = "delete_marker"
        public static let failed = "failed"

        enum CodingKeys: String, CodingKey {
            case status
            case deleteMarkerVersionId = "delete_marker_version_id"
            case errorCode = "error_code"
            case errorMessage = "error_msg"
        }
    }

    /// Another dataset with samples on the files being deleted.
    public struct AffectedDataset: Codable, Sendable {
        public var datasetId: String
        public var datasetName: String
        public var sampleCount: Int
        public var samples: [AffectedSample]

        public init(datasetId: String, datasetName: String, sampleCount: Int, samples: [AffectedSample]) {
            self.datasetId = datasetId
            self.datasetName = datasetName
            self.sampleCount = sampleCount
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case sampleCount = "sample_count"
            case samples
        }
    }

    public struct AffectedSample: Codable, Sendable {
        public var sampleId: String
        /// `obs://bucket/key`.
        public var source: String

        public init(sampleId: String, source: String) {
            self.sampleId = sampleId
            self.source = source
        }

        enum CodingKeys: String, CodingKey {
            case sampleId = "sample_id"
            case source
        }
    }

    /// A published version listing some of the files being deleted.
    public struct AffectedVersion: Codable, Sendable {
        public var datasetId: String
        public var datasetName: String
        public var versionId: String
        public var versionName: String
        public var totalSampleCount: Int
        public var affectedSampleCount: Int
        /// `obs://bucket/key` of each listed file being deleted.
        public var sources: [String]

        public init(
            datasetId: String,
            datasetName: String,
            versionId: String,
            versionName: String,
            totalSampleCount: Int,
            affectedSampleCount: Int,
            sources: [String]
        ) {
            self.datasetId = datasetId
            self.datasetName = datasetName
            self.versionId = versionId
            self.versionName = versionName
            self.totalSampleCount = totalSampleCount
            self.affectedSampleCount = affectedSampleCount
            self.sources = sources
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case versionId = "version_id"
            case versionName = "version_name"
            case totalSampleCount = "total_sample_count"
            case affectedSampleCount = "affected_sample_count"
            case sources
        }
    }
}
