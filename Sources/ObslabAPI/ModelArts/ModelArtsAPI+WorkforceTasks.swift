extension ModelArtsAPI {
    /// `POST …/workforce-tasks` ("Creating a Team Labeling Task"): a labeling job, and with `workforces_config` a team
    /// task whose samples are spread over the members. Each sample has one labeler (`repetition` 1); new data is not
    /// assigned later (`synchronize_data` false) and there is no auto labeling to share; `sample_conditions` and
    /// `data_sync_type` are refused, not ignored.
    public struct CreateWorkforceTask: Codable, Sendable, ExactRequest {
        public var taskName: String?
        public var repetition: Int?
        public var workforcesConfig: WorkforcesConfig?
        public var autoSyncDataset: Bool?
        public var synchronizeData: Bool?
        public var synchronizeAutoLabelingData: Bool?

        public init(taskName: String?, repetition: Int? = nil, workforcesConfig: WorkforcesConfig? = nil, autoSyncDataset: Bool? = nil) {
            self.taskName = taskName
            self.repetition = repetition
            self.workforcesConfig = workforcesConfig
            self.autoSyncDataset = autoSyncDataset
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case taskName = "task_name"
            case repetition
            case workforcesConfig = "workforces_config"
            case autoSyncDataset = "auto_sync_dataset"
            case synchronizeData = "synchronize_data"
            case synchronizeAutoLabelingData = "synchronize_auto_labeling_data"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] { ["workforces_config": WorkforcesConfig.self] }

        public static var refusedFields: [String: String] {
            [
                "sample_conditions": "obslab assigns every sample of the dataset to a team task; filter samples in the task's list instead",
                "data_sync_type": "obslab does not synchronize data into team tasks after they are created",
            ]
        }
    }

    /// A labeling job (ModelArts `WorkforceTask`), with `is_default` (obslab's addition) marking the dataset's own job.
    /// `repetition` is always 1: one labeler labels each sample. A team task also has its `status`, members, statistics
    /// and acceptance under way.
    public struct WorkforceTask: Codable, Sendable {
        public var taskId: String
        public var taskName: String
        public var datasetId: String
        public var description: String
        public var createTime: Int64
        public var updateTime: Int64
        public var repetition: Int
        public var isDefault: Bool
        public var sampleStats: SampleStats
        /// Team tasks only: 1 running, 2 accepting, 3 accepted, 4 rejected.
        public var status: Int?
        public var autoSyncDataset: Bool?
        public var synchronizeData: Bool?
        public var synchronizeAutoLabelingData: Bool?
        public var workforcesConfig: WorkforcesConfig?
        public var workforceStats: WorkforceStats?
        public var workerStats: [WorkerTask]?
        public var checkingTaskDesc: CheckingTaskDescription?
        public var passRate: Double?

        public init(
            taskId: String,
            taskName: String,
            datasetId: String,
            description: String,
            createTime: Int64,
            updateTime: Int64,
            repetition: Int = 1,
            isDefault: Bool,
            sampleStats: SampleStats
        ) {
            self.taskId = taskId
            self.taskName = taskName
            self.datasetId = datasetId
            self.description = description
            self.createTime = createTime
            self.updateTime = updateTime
            self.repetition = repetition
            self.isDefault = isDefault
            self.sampleStats = sampleStats
        }

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
            case taskName = "task_name"
            case datasetId = "dataset_id"
            case description
            case createTime = "create_time"
            case updateTime = "update_time"
            case repetition
            case isDefault = "is_default"
            case sampleStats = "sample_stats"
            case status
            case autoSyncDataset = "auto_sync_dataset"
            case synchronizeData = "synchronize_data"
            case synchronizeAutoLabelingData = "synchronize_auto_labeling_data"
            case workforcesConfig = "workforces_config"
            case workforceStats = "workforce_stats"
            case workerStats = "worker_stats"
            case checkingTaskDesc = "checking_task_desc"
            case passRate = "pass_rate"
        }
    }

    /// `PUT …/workforce-tasks/{workforce_task_id}` ("Updating a Team Labeling Task"): the name and description;
    /// `dataset_id` and `task_id` may repeat the path's. Team members (`workforces_config`) are refused.
    public struct UpdateWorkforceTask: Codable, Sendable, ExactRequest {
        public var taskName: String?
        public var description: String?
        public var datasetId: String?
        public var taskId: String?

        public init(taskName: String? = nil, description: String? = nil, datasetId: String? = nil, taskId: String? = nil) {
            self.taskName = taskName
            self.description = description
            self.datasetId = datasetId
            self.taskId = taskId
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case taskName = "task_name"
            case description
            case datasetId = "dataset_id"
            case taskId = "task_id"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }

        public static var refusedFields: [String: String] {
            ["workforces_config": "a team task's members are set when it is created: create another task for other members"]
        }
    }

    /// A task's samples by state; the review and acceptance counts only for team tasks.
    public struct SampleStats: Codable, Sendable {
        public var totalSampleCount: Int
        public var unannotatedSampleCount: Int
        public var unreviewedSampleCount: Int?
        public var uncheckSampleCount: Int?
        public var sampledSampleCount: Int?
        public var rejectedSampleCount: Int?
        public var acceptedSampleCount: Int?
        public var autoAnnotationSampleCount: Int?

        public init(totalSampleCount: Int, unannotatedSampleCount: Int) {
            self.totalSampleCount = totalSampleCount
            self.unannotatedSampleCount = unannotatedSampleCount
        }

        enum CodingKeys: String, CodingKey {
            case totalSampleCount = "total_sample_count"
            case unannotatedSampleCount = "unannotated_sample_count"
            case unreviewedSampleCount = "unreviewed_sample_count"
            case uncheckSampleCount = "uncheck_sample_count"
            case sampledSampleCount = "sampled_sample_count"
            case rejectedSampleCount = "rejected_sample_count"
            case acceptedSampleCount = "accepted_sample_count"
            case autoAnnotationSampleCount = "auto_annotation_sample_count"
        }
    }

    /// `GET …/workforce-tasks`.
    public struct WorkforceTaskList: Codable, Sendable {
        public var count: Int
        public var tasks: [WorkforceTask]

        public init(count: Int, tasks: [WorkforceTask]) {
            self.count = count
            self.tasks = tasks
        }
    }
}
