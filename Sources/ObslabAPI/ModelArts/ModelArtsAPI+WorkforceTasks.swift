extension ModelArtsAPI {
    /// `POST …/workforce-tasks`: obslab's labeling jobs need only a name.
    public struct CreateWorkforceTask: Codable, Sendable {
        public var taskName: String?

        public init(taskName: String?) {
            self.taskName = taskName
        }

        enum CodingKeys: String, CodingKey {
            case taskName = "task_name"
        }
    }

    /// The answer to a labeling job's creation.
    public struct CreateWorkforceTaskResponse: Codable, Sendable {
        public var taskId: String

        public init(taskId: String) {
            self.taskId = taskId
        }

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
        }
    }

    /// A labeling job (ModelArts `WorkforceTask`), with `is_default` (obslab's addition) marking the dataset's own job.
    public struct WorkforceTask: Codable, Sendable {
        public var taskId: String
        public var taskName: String
        public var datasetId: String
        public var createTime: Int64
        public var isDefault: Bool
        public var sampleStats: SampleStats

        public init(taskId: String, taskName: String, datasetId: String, createTime: Int64, isDefault: Bool, sampleStats: SampleStats) {
            self.taskId = taskId
            self.taskName = taskName
            self.datasetId = datasetId
            self.createTime = createTime
            self.isDefault = isDefault
            self.sampleStats = sampleStats
        }

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
            case taskName = "task_name"
            case datasetId = "dataset_id"
            case createTime = "create_time"
            case isDefault = "is_default"
            case sampleStats = "sample_stats"
        }
    }

    public struct SampleStats: Codable, Sendable {
        public var totalSampleCount: Int
        public var unannotatedSampleCount: Int

        public init(totalSampleCount: Int, unannotatedSampleCount: Int) {
            self.totalSampleCount = totalSampleCount
            self.unannotatedSampleCount = unannotatedSampleCount
        }

        enum CodingKeys: String, CodingKey {
            case totalSampleCount = "total_sample_count"
            case unannotatedSampleCount = "unannotated_sample_count"
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
