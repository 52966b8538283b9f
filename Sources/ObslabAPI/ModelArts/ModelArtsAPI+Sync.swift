extension ModelArtsAPI {
    /// `GET …/sync-data/status`.
    public struct SyncStatus: Codable, Sendable {
        /// `RUNNING`, `COMPLETED`, `FAILED`, or `NOT_EXIST` before the first sync.
        public var status: String
        public var datasetId: String
        public var taskId: String?
        public var createTime: Int64?
        /// Milliseconds the sync ran (so far, while it runs).
        public var durationTime: Int64?
        public var addSampleCount: Int?
        public var deletedSampleCount: Int?
        public var totalSampleCount: Int?
        public var errorCode: String?
        public var errorMessage: String?
        /// How far a running sync is (obslab's addition).
        public var progress: SyncProgress?
        /// Sidecars read, and sidecars skipped because their ETag had not changed (obslab's addition).
        public var sidecarsRead: Int?
        public var sidecarsUnchanged: Int?

        public init(
            status: String,
            datasetId: String,
            taskId: String? = nil,
            createTime: Int64? = nil,
            durationTime: Int64? = nil,
            addSampleCount: Int? = nil,
            deletedSampleCount: Int? = nil,
            totalSampleCount: Int? = nil,
            errorCode: String? = nil,
            errorMessage: String? = nil,
            progress: SyncProgress? = nil,
            sidecarsRead: Int? = nil,
            sidecarsUnchanged: Int? = nil
        ) {
            self.status = status
            self.datasetId = datasetId
            self.taskId = taskId
            self.createTime = createTime
            self.durationTime = durationTime
            self.addSampleCount = addSampleCount
            self.deletedSampleCount = deletedSampleCount
            self.totalSampleCount = totalSampleCount
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.progress = progress
            self.sidecarsRead = sidecarsRead
            self.sidecarsUnchanged = sidecarsUnchanged
        }

        enum CodingKeys: String, CodingKey {
            case status
            case datasetId = "dataset_id"
            case taskId = "task_id"
            case createTime = "create_time"
            case durationTime = "duration_time"
            case addSampleCount = "add_sample_count"
            case deletedSampleCount = "deleted_sample_count"
            case totalSampleCount = "total_sample_count"
            case errorCode = "error_code"
            case errorMessage = "error_msg"
            case progress
            case sidecarsRead = "sidecars_read"
            case sidecarsUnchanged = "sidecars_unchanged"
        }

        public static let running = "RUNNING"
        public static let completed = "COMPLETED"
        public static let failed = "FAILED"
        public static let notExist = "NOT_EXIST"
    }

    /// Objects listed and processed so far, and the total once the listing is complete.
    public struct SyncProgress: Codable, Sendable, Equatable {
        public var listed: Int
        public var processed: Int
        public var total: Int?

        public init(listed: Int, processed: Int, total: Int?) {
            self.listed = listed
            self.processed = processed
            self.total = total
        }
    }
}
