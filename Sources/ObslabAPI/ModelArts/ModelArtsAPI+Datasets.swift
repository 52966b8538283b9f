extension ModelArtsAPI {
    /// A dataset's input (ModelArts `DataSource`): `data_type` 0 is OBS, the only kind obslab has.
    public struct DataSource: Codable, Sendable, Equatable, ExactRequest {
        public var dataType: Int?
        /// `/bucket/prefix/` as ModelArts writes it; obslab also accepts `obs://bucket/prefix/`.
        public var dataPath: String?

        public init(dataType: Int? = 0, dataPath: String?) {
            self.dataType = dataType
            self.dataPath = dataPath
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case dataType = "data_type"
            case dataPath = "data_path"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `POST /v2/{project_id}/datasets`. Every field is optional here so that a missing one is reported by name.
    public struct CreateDataset: Codable, Sendable, ExactRequest {
        public var datasetName: String?
        public var datasetType: Int?
        public var dataSources: [DataSource]?
        public var workPath: String?
        public var workPathType: Int?
        public var description: String?
        public var labels: [Label]?
        public var workspaceId: String?
        public var importAnnotations: Bool?

        public init(
            datasetName: String?,
            datasetType: Int?,
            dataSources: [DataSource]?,
            workPath: String?,
            workPathType: Int? = 0,
            description: String? = nil,
            labels: [Label]? = nil,
            workspaceId: String? = nil,
            importAnnotations: Bool? = nil
        ) {
            self.datasetName = datasetName
            self.datasetType = datasetType
            self.dataSources = dataSources
            self.workPath = workPath
            self.workPathType = workPathType
            self.description = description
            self.labels = labels
            self.workspaceId = workspaceId
            self.importAnnotations = importAnnotations
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case datasetName = "dataset_name"
            case datasetType = "dataset_type"
            case dataSources = "data_sources"
            case workPath = "work_path"
            case workPathType = "work_path_type"
            case description
            case labels
            case workspaceId = "workspace_id"
            case importAnnotations = "import_annotations"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] { ["labels": Label.self, "data_sources": DataSource.self] }
    }

    /// The answer to a dataset creation (201) and modification: `import_task_id` is the import of the input path that
    /// creating the dataset ran (its first sync), absent from a modification's answer.
    public struct CreateDatasetResponse: Codable, Sendable {
        public var datasetId: String
        public var importTaskId: String?

        public init(datasetId: String, importTaskId: String? = nil) {
            self.datasetId = datasetId
            self.importTaskId = importTaskId
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case importTaskId = "import_task_id"
        }
    }

    /// A dataset as `GET /datasets` and `GET /datasets/{id}` describe it (the fields obslab has a value for).
    public struct Dataset: Codable, Sendable {
        public var datasetId: String
        public var datasetName: String
        public var datasetType: Int
        public var dataFormat: String
        /// 1 normal, 5 synchronizing.
        public var status: Int
        public var dataSources: [DataSource]
        public var workPath: String
        public var workPathType: Int
        public var innerWorkPath: String
        public var innerAnnotationPath: String
        public var workspaceId: String
        public var description: String
        public var createTime: Int64
        public var updateTime: Int64
        public var totalSampleCount: Int
        public var annotatedSampleCount: Int
        public var labelTaskCount: Int
        public var labels: [Label]?
        public var currentVersionId: String?
        public var currentVersionName: String?
        public var datasetVersionCount: Int
        public var nextVersionNum: Int
        public var deletedSampleCount: Int
        /// Always 0: obslab has no auto labeling, so no sample waits for confirmation.
        public var unconfirmedSampleCount: Int
        public var workforceTaskCount: Int
        /// When a sample or its labels last changed.
        public var dataUpdateTime: Int64
        /// With `contain_versions=true`: the current version, as ModelArts records only that one here.
        public var versions: [Version]?

        public init(
            datasetId: String,
            datasetName: String,
            datasetType: Int,
            dataFormat: String = "Default",
            status: Int,
            dataSources: [DataSource],
            workPath: String,
            workPathType: Int = 0,
            innerWorkPath: String,
            innerAnnotationPath: String,
            workspaceId: String = "0",
            description: String,
            createTime: Int64,
            updateTime: Int64,
            totalSampleCount: Int,
            annotatedSampleCount: Int,
            labelTaskCount: Int,
            labels: [Label]?,
            currentVersionId: String?,
            currentVersionName: String?,
            datasetVersionCount: Int,
            nextVersionNum: Int,
            deletedSampleCount: Int,
            unconfirmedSampleCount: Int = 0,
            workforceTaskCount: Int,
            dataUpdateTime: Int64,
            versions: [Version]? = nil
        ) {
            self.datasetId = datasetId
            self.datasetName = datasetName
            self.datasetType = datasetType
            self.dataFormat = dataFormat
            self.status = status
            self.dataSources = dataSources
            self.workPath = workPath
            self.workPathType = workPathType
            self.innerWorkPath = innerWorkPath
            self.innerAnnotationPath = innerAnnotationPath
            self.workspaceId = workspaceId
            self.description = description
            self.createTime = createTime
            self.updateTime = updateTime
            self.totalSampleCount = totalSampleCount
            self.annotatedSampleCount = annotatedSampleCount
            self.labelTaskCount = labelTaskCount
            self.labels = labels
            self.currentVersionId = currentVersionId
            self.currentVersionName = currentVersionName
            self.datasetVersionCount = datasetVersionCount
            self.nextVersionNum = nextVersionNum
            self.deletedSampleCount = deletedSampleCount
            self.unconfirmedSampleCount = unconfirmedSampleCount
            self.workforceTaskCount = workforceTaskCount
            self.dataUpdateTime = dataUpdateTime
            self.versions = versions
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
            case datasetName = "dataset_name"
            case datasetType = "dataset_type"
            case dataFormat = "data_format"
            case status
            case dataSources = "data_sources"
            case workPath = "work_path"
            case workPathType = "work_path_type"
            case innerWorkPath = "inner_work_path"
            case innerAnnotationPath = "inner_annotation_path"
            case workspaceId = "workspace_id"
            case description
            case createTime = "create_time"
            case updateTime = "update_time"
            case totalSampleCount = "total_sample_count"
            case annotatedSampleCount = "annotated_sample_count"
            case labelTaskCount = "label_task_count"
            case labels
            case currentVersionId = "current_version_id"
            case currentVersionName = "current_version_name"
            case datasetVersionCount = "dataset_version_count"
            case nextVersionNum = "next_version_num"
            case deletedSampleCount = "deleted_sample_count"
            case unconfirmedSampleCount = "unconfirmed_sample_count"
            case workforceTaskCount = "workforce_task_count"
            case dataUpdateTime = "data_update_time"
            case versions
        }
    }

    /// `GET /v2/{project_id}/datasets`: one page, and the number of datasets in all.
    public struct DatasetList: Codable, Sendable {
        public var datasets: [Dataset]
        public var totalNumber: Int

        public init(datasets: [Dataset], totalNumber: Int) {
            self.datasets = datasets
            self.totalNumber = totalNumber
        }

        enum CodingKeys: String, CodingKey {
            case datasets
            case totalNumber = "total_number"
        }
    }
}

extension ModelArtsAPI {
    /// `PUT /v2/{project_id}/datasets/{dataset_id}` ("Modifying a Dataset"): ModelArts's members, and obslab's
    /// `data_sources` (one OBS path, as at creation) to point the dataset at another input path.
    public struct UpdateDataset: Codable, Sendable, ExactRequest {
        public var datasetName: String?
        public var description: String?
        public var currentVersionId: String?
        public var addLabels: [Label]?
        public var updateLabels: [Label]?
        public var deleteLabels: [Label]?
        public var dataSources: [DataSource]?

        public init(
            datasetName: String? = nil,
            description: String? = nil,
            currentVersionId: String? = nil,
            addLabels: [Label]? = nil,
            updateLabels: [Label]? = nil,
            deleteLabels: [Label]? = nil,
            dataSources: [DataSource]? = nil
        ) {
            self.datasetName = datasetName
            self.description = description
            self.currentVersionId = currentVersionId
            self.addLabels = addLabels
            self.updateLabels = updateLabels
            self.deleteLabels = deleteLabels
            self.dataSources = dataSources
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case datasetName = "dataset_name"
            case description
            case currentVersionId = "current_version_id"
            case addLabels = "add_labels"
            case updateLabels = "update_labels"
            case deleteLabels = "delete_labels"
            case dataSources = "data_sources"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] {
            ["add_labels": Label.self, "update_labels": Label.self, "delete_labels": Label.self, "data_sources": DataSource.self]
        }
    }
}
