import LabelFormats

extension ModelArtsAPI {
    /// A sample as `…/data-annotations/samples[/{sample_id}]` describe it (ModelArts `DescribeSampleResp`), plus
    /// obslab's `label_source` and `unlabeled_reason`.
    public struct Sample: Codable, Sendable {
        public var sampleId: String
        /// 0 image, 1 text, 2 audio.
        public var sampleType: Int
        public var sampleName: String
        /// `obs://bucket/dir/`, the folder holding the object.
        public var sampleDir: String
        public var sampleSize: Int64
        public var sampleTime: Int64
        /// `__ALL__` labeled, `__NONE__` unlabeled.
        public var sampleStatus: String
        /// `obs://bucket/key`.
        public var source: String
        /// For a text classification sample that is one line of a file: the text (ModelArts `sample_data`) and the
        /// 1-based line (obslab's addition).
        public var sampleData: [String]?
        public var line: Int?
        public var labels: [Label]
        public var metadata: [String: JSONValue]
        public var labelSource: LabelSource?
        public var unlabeledReason: UnlabeledReason?

        public init(
            sampleId: String,
            sampleType: Int,
            sampleName: String,
            sampleDir: String,
            sampleSize: Int64,
            sampleTime: Int64,
            sampleStatus: String,
            source: String,
            sampleData: [String]? = nil,
            line: Int? = nil,
            labels: [Label],
            metadata: [String: JSONValue],
            labelSource: LabelSource?,
            unlabeledReason: UnlabeledReason?
        ) {
            self.sampleId = sampleId
            self.sampleType = sampleType
            self.sampleName = sampleName
            self.sampleDir = sampleDir
            self.sampleSize = sampleSize
            self.sampleTime = sampleTime
            self.sampleStatus = sampleStatus
            self.source = source
            self.sampleData = sampleData
            self.line = line
            self.labels = labels
            self.metadata = metadata
            self.labelSource = labelSource
            self.unlabeledReason = unlabeledReason
        }

        enum CodingKeys: String, CodingKey {
            case sampleId = "sample_id"
            case sampleType = "sample_type"
            case sampleName = "sample_name"
            case sampleDir = "sample_dir"
            case sampleSize = "sample_size"
            case sampleTime = "sample_time"
            case sampleStatus = "sample_status"
            case source
            case sampleData = "sample_data"
            case line
            case labels
            case metadata
            case labelSource = "label_source"
            case unlabeledReason = "unlabeled_reason"
        }
    }

    /// The `sample_state` and `sample_status` values obslab knows.
    public enum SampleState {
        public static let labeled = "__ALL__"
        public static let unlabeled = "__NONE__"
    }

    /// Where a labeled sample's labels came from (obslab's addition).
    public struct LabelSource: Codable, Sendable, Equatable {
        /// `sidecar`, `folder` or `manifest`.
        public var type: String
        /// The sidecar or manifest object key.
        public var key: String?
        /// The sidecar's ETag when it was read.
        public var etag: String?
        /// The folder whose name is the label.
        public var name: String?

        public init(type: String, key: String? = nil, etag: String? = nil, name: String? = nil) {
            self.type = type
            self.key = key
            self.etag = etag
            self.name = name
        }
    }

    /// Why a sample has no labels (obslab's addition): the storage error of an unreadable sidecar, the place of a
    /// syntax error, or labels of another type.
    public struct UnlabeledReason: Codable, Sendable, Equatable {
        /// `no_sidecar`, `sidecar_unreadable`, `access_denied`, `sidecar_malformed` or `labels_of_another_type`.
        public var code: String
        public var message: String
        public var sidecar: String?
        public var storageErrorCode: String?
        public var kmsKeyId: String?
        public var principal: String?
        public var position: String?
        /// For `access_denied`: what refuses the labeling service (`denied by bucket policy statement "X"`).
        public var deniedBy: String?

        public init(
            code: String,
            message: String,
            sidecar: String? = nil,
            storageErrorCode: String? = nil,
            kmsKeyId: String? = nil,
            principal: String? = nil,
            position: String? = nil,
            deniedBy: String? = nil
        ) {
            self.code = code
            self.message = message
            self.sidecar = sidecar
            self.storageErrorCode = storageErrorCode
            self.kmsKeyId = kmsKeyId
            self.principal = principal
            self.position = position
            self.deniedBy = deniedBy
        }

        enum CodingKeys: String, CodingKey {
            case code
            case message
            case sidecar
            case storageErrorCode = "storage_error_code"
            case kmsKeyId = "kms_key_id"
            case principal
            case position
            case deniedBy = "denied_by"
        }
    }

    /// `GET …/data-annotations/samples`: one page; `sample_count` counts every sample in the state asked for.
    public struct SampleList: Codable, Sendable {
        public var sampleCount: Int
        public var samples: [Sample]

        public init(sampleCount: Int, samples: [Sample]) {
            self.sampleCount = sampleCount
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey {
            case sampleCount = "sample_count"
            case samples
        }
    }
}
