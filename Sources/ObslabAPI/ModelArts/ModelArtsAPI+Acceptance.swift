extension ModelArtsAPI {
    /// `POST …/workforce-tasks/{id}/acceptance` ("Creating a Team Labeling Acceptance Task"): either member.
    public struct CreateAcceptance: Codable, Sendable, ExactRequest {
        public var samplingNum: Int?
        public var samplingRate: Double?

        public init(samplingNum: Int? = nil, samplingRate: Double? = nil) {
            self.samplingNum = samplingNum
            self.samplingRate = samplingRate
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case samplingNum = "sampling_num"
            case samplingRate = "sampling_rate"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `PUT …/acceptance/status` ("Updating Status of a Team Labeling Acceptance Task"): `action` 0 pass all, 1 reject
    /// all, 2 cancel, 5 pass the single-accepted samples. 3 (conflicts, for repeated labeling) and 4 are refused, and
    /// `overwrite_last_result` may only be false: obslab's tasks have one labeler per sample.
    public struct UpdateAcceptanceStatus: Codable, Sendable, ExactRequest {
        public var action: Int?
        public var overwriteLastResult: Bool?

        public init(action: Int, overwriteLastResult: Bool? = nil) {
            self.action = action
            self.overwriteLastResult = overwriteLastResult
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case action
            case overwriteLastResult = "overwrite_last_result"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// The answer to `PUT …/acceptance/status`: the samples it accepted.
    public struct AcceptanceResult: Codable, Sendable {
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

    /// `GET …/acceptance/report?checking_task_id=…` ("Querying the Report of a Team Labeling Acceptance Task").
    public struct AcceptanceReport: Codable, Sendable {
        public var checkingStats: CheckTaskStats
        public var totalStats: CheckTaskStats

        public init(checkingStats: CheckTaskStats, totalStats: CheckTaskStats) {
            self.checkingStats = checkingStats
            self.totalStats = totalStats
        }

        enum CodingKeys: String, CodingKey {
            case checkingStats = "checking_stats"
            case totalStats = "total_stats"
        }
    }

    /// `CheckTaskStats`. `score` is the mean of the scores given (A best, D worst; E when none was), `total_score`
    /// their sum counting A 4, B 3, C 2, D 1 (obslab's scale: the reference gives none).
    public struct CheckTaskStats: Codable, Sendable {
        public var taskId: String?
        public var samplingRate: Double?
        public var samplingNum: Int?
        public var passRate: Double
        public var score: String
        public var totalScore: Int64
        public var totalSampleCount: Int
        public var sampledSampleCount: Int
        public var uncheckedSampleCount: Int
        public var checkedSampleCount: Int
        public var acceptedSampleCount: Int
        public var rejectedSampleCount: Int

        public init(
            taskId: String?, samplingRate: Double?, samplingNum: Int?, passRate: Double, score: String, totalScore: Int64,
            totalSampleCount: Int, sampledSampleCount: Int, uncheckedSampleCount: Int, checkedSampleCount: Int,
            acceptedSampleCount: Int, rejectedSampleCount: Int
        ) {
            self.taskId = taskId
            self.samplingRate = samplingRate
            self.samplingNum = samplingNum
            self.passRate = passRate
            self.score = score
            self.totalScore = totalScore
            self.totalSampleCount = totalSampleCount
            self.sampledSampleCount = sampledSampleCount
            self.uncheckedSampleCount = uncheckedSampleCount
            self.checkedSampleCount = checkedSampleCount
            self.acceptedSampleCount = acceptedSampleCount
            self.rejectedSampleCount = rejectedSampleCount
        }

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
            case samplingRate = "sampling_rate"
            case samplingNum = "sampling_num"
            case passRate = "pass_rate"
            case score
            case totalScore = "total_score"
            case totalSampleCount = "total_sample_count"
            case sampledSampleCount = "sampled_sample_count"
            case uncheckedSampleCount = "unchecked_sample_count"
            case checkedSampleCount = "checked_sample_count"
            case acceptedSampleCount = "accepted_sample_count"
            case rejectedSampleCount = "rejected_sample_count"
        }
    }

    /// The ModelArts sample states of team labeling (`sample_state`, `sample_status`).
    public enum TeamSampleState {
        public static let uncheck = "__UNCHECK__"
        public static let accepted = "__ACCEPTED__"
        public static let rejected = "__REJECTED__"
        public static let unreviewed = "__UNREVIEWED__"
        public static let reviewed = "__REVIEWED__"
        public static let sampled = "__WORKFORCE_SAMPLED__"
        public static let sampledUncheck = "__WORKFORCE_SAMPLED_UNCHECK__"
        public static let sampledChecked = "__WORKFORCE_SAMPLED_CHECKED__"
        public static let sampledAccepted = "__WORKFORCE_SAMPLED_ACCEPTED__"
        public static let sampledRejected = "__WORKFORCE_SAMPLED_REJECTED__"
        public static let autoAnnotation = "__AUTO_ANNOTATION__"
    }
}
