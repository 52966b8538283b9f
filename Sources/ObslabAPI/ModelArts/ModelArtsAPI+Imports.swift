import LabelFormats

extension ModelArtsAPI {
    /// `POST …/data-annotations/samples` ("Add data", ModelArts `UploadSamplesJson`): files sent as base64.
    public struct AddSamples: Codable, Sendable, ExactRequest {
        public var samples: [UploadSample]?
        /// `false` (to-be-confirmed labels) is refused: obslab has no auto labeling.
        public var finalAnnotation: Bool?

        public init(samples: [UploadSample]?, finalAnnotation: Bool? = nil) {
            self.samples = samples
            self.finalAnnotation = finalAnnotation
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case samples
            case finalAnnotation = "final_annotation"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] { ["samples": UploadSample.self] }
    }

    /// A file to add (ModelArts `Sample`): `name` and base64 `data`, its labels, `metadata` `@modelarts:hard`.
    public struct UploadSample: Codable, Sendable, ExactRequest {
        public var name: String?
        /// The file's bytes, base64.
        public var data: String?
        public var labels: [Label]?
        public var metadata: [String: JSONValue]?
        public var sampleType: Int?
        /// `UTF-8` (the default) only.
        public var encoding: String?

        public init(name: String?, data: String?, labels: [Label]? = nil, metadata: [String: JSONValue]? = nil, sampleType: Int? = nil) {
            self.name = name
            self.data = data
            self.labels = labels
            self.metadata = metadata
            self.sampleType = sampleType
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case data
            case labels
            case metadata
            case sampleType = "sample_type"
            case encoding
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] { ["labels": Label.self] }
    }

    /// The answer to an add: ModelArts's `success` and `results` (one per file, in order), and obslab's `task_id`, the
    /// add's entry in the import history.
    public struct AddSamplesResponse: Codable, Sendable {
        public var success: Bool
        public var results: [UploadSampleResult]
        public var taskId: String

        public init(success: Bool, results: [UploadSampleResult], taskId: String) {
            self.success = success
            self.results = results
            self.taskId = taskId
        }

        enum CodingKeys: String, CodingKey {
            case success
            case results
            case taskId = "task_id"
        }
    }

    /// ModelArts `UploadSampleResp`: `name` is where the file went (`/bucket/key`), `info` the id of its sample (the
    /// ids of a text file's lines, comma-separated); obslab adds `sample_ids`.
    public struct UploadSampleResult: Codable, Sendable, Equatable {
        public var success: Bool
        public var name: String
        public var info: String?
        public var sampleIds: [String]?
        public var errorCode: String?
        public var errorMessage: String?

        public init(success: Bool, name: String, info: String?, sampleIds: [String]?, errorCode: String?, errorMessage: String?) {
            self.success = success
            self.name = name
            self.info = info
            self.sampleIds = sampleIds
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        enum CodingKeys: String, CodingKey {
            case success
            case name
            case info
            case sampleIds = "sample_ids"
            case errorCode = "error_code"
            case errorMessage = "error_msg"
        }
    }

    /// `POST …/import-tasks`. obslab imports from OBS (`import_origin` `obs`) a folder inside the dataset's input path,
    /// or a manifest; it copies no data, so `import_folder` and table or inference sources are refused.
    public struct CreateImportTask: Codable, Sendable, ExactRequest {
        public var importPath: String?
        /// `dir` or `manifest`; absent: a path ending with `.manifest` is a manifest.
        public var importType: String?
        public var importAnnotations: Bool?
        /// Label objects (`{"name": …}`) or plain names, as ModelArts's own example writes them.
        public var includedLabels: [LabelName]?
        public var excludedLabels: [LabelName]?
        public var difficultOnly: Bool?
        public var importOrigin: String?
        public var importFolder: String?
        public var importSamples: Bool?
        public var finalAnnotation: Bool?
        public var dataSource: DataSource?

        public init(
            importPath: String?,
            importType: String? = nil,
            importAnnotations: Bool? = nil,
            includedLabels: [LabelName]? = nil,
            excludedLabels: [LabelName]? = nil,
            difficultOnly: Bool? = nil
        ) {
            self.importPath = importPath
            self.importType = importType
            self.importAnnotations = importAnnotations
            self.includedLabels = includedLabels
            self.excludedLabels = excludedLabels
            self.difficultOnly = difficultOnly
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case importPath = "import_path"
            case importType = "import_type"
            case importAnnotations = "import_annotations"
            case includedLabels = "included_labels"
            case excludedLabels = "excluded_labels"
            case difficultOnly = "difficult_only"
            case importOrigin = "import_origin"
            case importFolder = "import_folder"
            case importSamples = "import_samples"
            case finalAnnotation = "final_annotation"
            case dataSource = "data_source"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] {
            ["included_labels": Label.self, "excluded_labels": Label.self, "data_source": DataSource.self]
        }
    }

    /// A label named in `included_labels`/`excluded_labels`: `"cat"` or `{"name": "cat"}`.
    public struct LabelName: Codable, Sendable, Equatable {
        public var name: String?

        public init(_ name: String) {
            self.name = name
        }

        public init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                name = text
            } else {
                name = try Label(from: decoder).name
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(name)
        }
    }

    /// An import task (ModelArts `ImportTaskStatusResp`), and obslab's additions: `import_kind` (`add`, `folder` or
    /// `manifest`), `skipped_sample_count` and `skipped_samples` (what was left out and why), and `author`.
    public struct ImportTaskStatus: Codable, Sendable {
        /// `RUNNING`, `COMPLETED` or `FAILED`.
        public var status: String
        public var taskId: String
        public var datasetId: String
        /// `obs://bucket/…`: the folder or manifest; for an add, the input path the files were written to.
        public var importPath: String
        /// 0 by folder (an add too), 1 by manifest.
        public var importType: Int
        public var importKind: String
        public var totalSampleCount: Int
        public var importedSampleCount: Int
        public var annotatedSampleCount: Int
        public var skippedSampleCount: Int
        public var skippedSamples: [SkippedSample]
        public var author: String?
        public var createTime: Int64
        public var updateMs: Int64?
        /// Seconds.
        public var elapsedTime: Int64
        public var errorCode: String?
        public var errorMessage: String?
        public var dataSource: DataSource

        public init(
            status: String,
            taskId: String,
            datasetId: String,
            importPath: String,
            importType: Int,
            importKind: String,
            totalSampleCount: Int,
            importedSampleCount: Int,
            annotatedSampleCount: Int,
            skippedSampleCount: Int,
            skippedSamples: [SkippedSample],
            author: String? = nil,
            createTime: Int64,
            updateMs: Int64? = nil,
            elapsedTime: Int64,
            errorCode: String? = nil,
            errorMessage: String? = nil,
            dataSource: DataSource
        ) {
            self.status = status
            self.taskId = taskId
            self.datasetId = datasetId
            self.importPath = importPath
            self.importType = importType
            self.importKind = importKind
            self.totalSampleCount = totalSampleCount
            self.importedSampleCount = importedSampleCount
            self.annotatedSampleCount = annotatedSampleCount
            self.skippedSampleCount = skippedSampleCount
            self.skippedSamples = skippedSamples
            self.author = author
            self.createTime = createTime
            self.updateMs = updateMs
            self.elapsedTime = elapsedTime
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.dataSource = dataSource
        }

        public static let running = "RUNNING"
        public static let completed = "COMPLETED"
        public static let failed = "FAILED"

        enum CodingKeys: String, CodingKey {
            case status
            case taskId = "task_id"
            case datasetId = "dataset_id"
            case importPath = "import_path"
            case importType = "import_type"
            case importKind = "import_kind"
            case totalSampleCount = "total_sample_count"
            case importedSampleCount = "imported_sample_count"
            case annotatedSampleCount = "annotated_sample_count"
            case skippedSampleCount = "skipped_sample_count"
            case skippedSamples = "skipped_samples"
            case author
            case createTime = "create_time"
            case updateMs = "update_ms"
            case elapsedTime = "elapsed_time"
            case errorCode = "error_code"
            case errorMessage = "error_msg"
            case dataSource = "data_source"
        }
    }

    /// A file or manifest line an import left out.
    public struct SkippedSample: Codable, Sendable, Equatable {
        public var source: String
        public var reason: String

        public init(source: String, reason: String) {
            self.source = source
            self.reason = reason
        }

    }

    /// `GET …/import-tasks`, newest first.
    public struct ImportTaskList: Codable, Sendable {
        public var totalCount: Int
        public var importTasks: [ImportTaskStatus]

        public init(totalCount: Int, importTasks: [ImportTaskStatus]) {
            self.totalCount = totalCount
            self.importTasks = importTasks
        }

        enum CodingKeys: String, CodingKey {
            case totalCount = "total_count"
            case importTasks = "import_tasks"
        }
    }
}
