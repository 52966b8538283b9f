extension ModelArtsAPI {
    /// A dataset's input (ModelArts `DataSource`): `data_type` 0 is OBS, the only kind obslab has.
    public struct DataSource: Codable, Sendable, Equatable {
        public var dataType: Int?
        /// `/bucket/prefix/` as ModelArts writes it; obslab also accepts `obs://bucket/prefix/`.
        public var dataPath: String?

        public init(dataType: Int? = 0, dataPath: String?) {
            self.dataType = dataType
            self.dataPath = dataPath
        }

        enum CodingKeys: String, CodingKey {
            case dataType = "data_type"
            case dataPath = "data_path"
        }
    }

    /// `POST /v2/{project_id}/datasets`. Every field is optional here so that a missing one is reported by name.
    public struct CreateDataset: Codable, Sendable {
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

        enum CodingKeys: String, CodingKey {
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
    }

    /// The answer to a dataset creation (201).
    public struct CreateDatasetResponse: Codable, Sendable {
        public var datasetId: String

        public init(datasetId: String) {
            self.datasetId = datasetId
        }

        enum CodingKeys: String, CodingKey {
            case datasetId = "dataset_id"
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
            labels: [Label]?
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
