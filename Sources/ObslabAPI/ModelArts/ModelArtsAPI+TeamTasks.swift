extension ModelArtsAPI {
    /// `workforces_config` of a team task: the teams, and which of their members take part (all when `workers` is
    /// absent). `agency` (a team administrator who assigns the samples) is refused: obslab assigns them itself.
    public struct WorkforcesConfig: Codable, Sendable, ExactRequest {
        public var agency: String?
        public var workforces: [WorkforceConfig]?

        public init(workforces: [WorkforceConfig]) {
            self.workforces = workforces
        }

        public static var honouredFields: Set<String> { ["agency", "workforces"] }
        public static var memberRequests: [String: any ExactRequest.Type] { ["workforces": WorkforceConfig.self] }
    }

    public struct WorkforceConfig: Codable, Sendable, ExactRequest {
        public var workforceId: String?
        public var workforceName: String?
        public var workers: [Worker]?

        public init(workforceId: String, workforceName: String? = nil, workers: [Worker]? = nil) {
            self.workforceId = workforceId
            self.workforceName = workforceName
            self.workers = workers
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workforceId = "workforce_id"
            case workforceName = "workforce_name"
            case workers
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] { ["workers": Worker.self] }
    }

    /// `POST …/workforce-tasks/{workforce_task_id}` ("Starting a Team Labeling Task").
    public struct StartWorkforceTask: Codable, Sendable, ExactRequest {
        public var datasetId: String?
        public var taskId: String?
        public var workforcesConfig: WorkforcesConfig?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case datasetId = "dataset_id"
            case taskId = "task_id"
            case workforcesConfig = "workforces_config"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static var memberRequests: [String: any ExactRequest.Type] { ["workforces_config": WorkforcesConfig.self] }
    }

    /// `workforce_stats` of a team task.
    public struct WorkforceStats: Codable, Sendable {
        public var workforceCount: Int
        public var labelerCount: Int
        public var reviewerCount: Int

        public init(workforceCount: Int, labelerCount: Int, reviewerCount: Int) {
            self.workforceCount = workforceCount
            self.labelerCount = labelerCount
            self.reviewerCount = reviewerCount
        }

        enum CodingKeys: String, CodingKey {
            case workforceCount = "workforce_count"
            case labelerCount = "labeler_count"
            case reviewerCount = "reviewer_count"
        }
    }

    /// `checking_task_desc`: the acceptance under way.
    public struct CheckingTaskDescription: Codable, Sendable {
        public var checkingTaskId: String
        public var checkingStats: CheckTaskStats?

        public init(checkingTaskId: String, checkingStats: CheckTaskStats?) {
            self.checkingTaskId = checkingTaskId
            self.checkingStats = checkingStats
        }

        enum CodingKeys: String, CodingKey {
            case checkingTaskId = "checking_task_id"
            case checkingStats = "checking_stats"
        }
    }

    /// `worker_stats` item (`WorkerTask`): one member's share of a team task.
    public struct WorkerTask: Codable, Sendable {
        public var email: String
        public var workerId: String
        public var role: Int
        public var taskId: String
        public var workforceTaskName: String
        public var datasetId: String
        public var taskStatus: Int
        public var sampleStats: SampleStats
        public var createTime: Int64
        public var updateTime: Int64
        /// 0: obslab sends no emails.
        public var emailStatus: Int
        public var lastNotifyTime: Int64

        public init(
            email: String, workerId: String, role: Int, taskId: String, workforceTaskName: String, datasetId: String, taskStatus: Int,
            sampleStats: SampleStats, createTime: Int64, updateTime: Int64
        ) {
            self.email = email
            self.workerId = workerId
            self.role = role
            self.taskId = taskId
            self.workforceTaskName = workforceTaskName
            self.datasetId = datasetId
            self.taskStatus = taskStatus
            self.sampleStats = sampleStats
            self.createTime = createTime
            self.updateTime = updateTime
            emailStatus = 0
            lastNotifyTime = 0
        }

        enum CodingKeys: String, CodingKey {
            case email
            case workerId = "worker_id"
            case role
            case taskId = "task_id"
            case workforceTaskName = "workforce_task_name"
            case datasetId = "dataset_id"
            case taskStatus = "task_status"
            case sampleStats = "sample_stats"
            case createTime = "create_time"
            case updateTime = "update_time"
            case emailStatus = "email_status"
            case lastNotifyTime = "last_notify_time"
        }
    }

    /// A sample of a team task ("Obtaining Details About a Team Labeling Sample"): the sample, its labeler
    /// (`worker_id`, `labelers`), its team state in `sample_status`, and the review and acceptance verdicts.
    public struct TeamSample: Codable, Sendable {
        public var sample: Sample
        public var workerId: String
        public var labelers: [Worker]
        public var reviewAccept: Bool?
        public var reviewComment: String?
        public var reviewScore: String?
        public var checkAccept: Bool?
        public var checkComment: String?
        public var checkScore: String?

        public init(
            sample: Sample, workerId: String, labelers: [Worker], reviewAccept: Bool?, reviewComment: String?, reviewScore: String?,
            checkAccept: Bool?, checkComment: String?, checkScore: String?
        ) {
            self.sample = sample
            self.workerId = workerId
            self.labelers = labelers
            self.reviewAccept = reviewAccept
            self.reviewComment = reviewComment
            self.reviewScore = reviewScore
            self.checkAccept = checkAccept
            self.checkComment = checkComment
            self.checkScore = checkScore
        }

        enum CodingKeys: String, CodingKey {
            case workerId = "worker_id"
            case labelers
            case reviewAccept = "review_accept"
            case reviewComment = "review_comment"
            case reviewScore = "review_score"
            case checkAccept = "check_accept"
            case checkComment = "check_comment"
            case checkScore = "check_score"
        }

        /// One flat object: the sample's members beside the team's.
        public init(from decoder: any Decoder) throws {
            sample = try Sample(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            workerId = try container.decode(String.self, forKey: .workerId)
            labelers = try container.decodeIfPresent([Worker].self, forKey: .labelers) ?? []
            reviewAccept = try container.decodeIfPresent(Bool.self, forKey: .reviewAccept)
            reviewComment = try container.decodeIfPresent(String.self, forKey: .reviewComment)
            reviewScore = try container.decodeIfPresent(String.self, forKey: .reviewScore)
            checkAccept = try container.decodeIfPresent(Bool.self, forKey: .checkAccept)
            checkComment = try container.decodeIfPresent(String.self, forKey: .checkComment)
            checkScore = try container.decodeIfPresent(String.self, forKey: .checkScore)
        }

        public func encode(to encoder: any Encoder) throws {
            try sample.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(workerId, forKey: .workerId)
            try container.encode(labelers, forKey: .labelers)
            try container.encodeIfPresent(reviewAccept, forKey: .reviewAccept)
            try container.encodeIfPresent(reviewComment, forKey: .reviewComment)
            try container.encodeIfPresent(reviewScore, forKey: .reviewScore)
            try container.encodeIfPresent(checkAccept, forKey: .checkAccept)
            try container.encodeIfPresent(checkComment, forKey: .checkComment)
            try container.encodeIfPresent(checkScore, forKey: .checkScore)
        }
    }

    /// `GET …/workforce-tasks/{id}/data-annotations/samples` of a team task.
    public struct TeamSampleList: Codable, Sendable {
        public var sampleCount: Int
        public var samples: [TeamSample]

        public init(sampleCount: Int, samples: [TeamSample]) {
            self.sampleCount = sampleCount
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey {
            case sampleCount = "sample_count"
            case samples
        }
    }

    /// `POST …/data-annotations/review` ("Reviewing Team Labeling Results") and `POST …/acceptance/batch-comment`
    /// ("Submitting Sample Review Comments of an Acceptance Task").
    public struct SampleComments: Codable, Sendable, ExactRequest {
        public var comments: [SampleComment]?

        public init(comments: [SampleComment]) {
            self.comments = comments
        }

        public static var honouredFields: Set<String> { ["comments"] }
        public static var memberRequests: [String: any ExactRequest.Type] { ["comments": SampleComment.self] }
    }

    public struct SampleComment: Codable, Sendable, ExactRequest {
        public var sampleId: String?
        public var workerId: String?
        public var accept: Bool
        public var comment: String?
        public var score: String?

        public init(sampleId: String, workerId: String? = nil, accept: Bool, comment: String? = nil, score: String? = nil) {
            self.sampleId = sampleId
            self.workerId = workerId
            self.accept = accept
            self.comment = comment
            self.score = score
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case sampleId = "sample_id"
            case workerId = "worker_id"
            case accept
            case comment
            case score
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `GET …/workforce-tasks/{id}/metrics` ("Querying Details About the Progress of a Team Labeling Task Member"): per
    /// member email, `un_annotation`, `unreviewed`, `rejected`, `uncheck`, `accepted`, `auto_annotation`.
    public struct TaskMetrics: Codable, Sendable {
        public var sampleStats: [String: [String: Int]]

        public init(sampleStats: [String: [String: Int]]) {
            self.sampleStats = sampleStats
        }

        enum CodingKeys: String, CodingKey {
            case sampleStats = "sample_stats"
        }
    }

    /// `GET …/workforce-tasks/{id}/data-annotations/stats` ("Querying Details About Team Labeling Task Statistics").
    public struct TeamTaskStats: Codable, Sendable {
        public var labelStats: [LabelStats]
        public var sampleStats: [String: Int]
        public var keySampleStats: [String: Int]
        public var metadataStats: [String: Int]
        public var dataSplitingEnable: Bool

        public init(labelStats: [LabelStats], sampleStats: [String: Int], keySampleStats: [String: Int]) {
            self.labelStats = labelStats
            self.sampleStats = sampleStats
            self.keySampleStats = keySampleStats
            metadataStats = [:]
            dataSplitingEnable = false
        }

        enum CodingKeys: String, CodingKey {
            case labelStats = "label_stats"
            case sampleStats = "sample_stats"
            case keySampleStats = "key_sample_stats"
            case metadataStats = "metadata_stats"
            case dataSplitingEnable = "data_spliting_enable"
        }
    }
}

extension ModelArtsAPI {
    /// `GET /v2/{project_id}/workforces/worker-tasks` ("Querying the Team Labeling Task List by a Team Member").
    public struct WorkerTaskList: Codable, Sendable {
        public var count: Int
        public var workerTasks: [WorkerTask]

        public init(count: Int, workerTasks: [WorkerTask]) {
            self.count = count
            self.workerTasks = workerTasks
        }

        enum CodingKeys: String, CodingKey {
            case count
            case workerTasks = "worker_tasks"
        }
    }
}
