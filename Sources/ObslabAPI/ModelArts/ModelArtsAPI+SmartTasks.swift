import Foundation

/// Intelligent tasks (`…/datasets/{id}/tasks`, "Starting Intelligent Tasks", "Obtaining Details About an Auto Labeling
/// Task", "Obtaining an Auto Labeling Task List by Page"). obslab runs auto grouping (`task_type` `auto-grouping`);
/// auto labeling needs models, which obslab does not have.
extension ModelArtsAPI {
    public enum SmartTaskType {
        public static let autoGrouping = "auto-grouping"
        public static let autoLabel = "auto-label"
        public static let preLabel = "pre-label"
    }

    /// `POST …/tasks`.
    public struct CreateSmartTask: Codable, Sendable, ExactRequest {
        public var taskType: String?
        public var config: SmartTaskConfig?

        public init(taskType: String?, config: SmartTaskConfig?) {
            self.taskType = taskType
            self.config = config
        }

        public static let honouredFields: Set<String> = ["task_type", "config"]
        public static let refusedFields = [
            "collect_key_sample": "is not supported: obslab has no auto labeling, so no key samples to collect",
            "model_id": "is not supported: obslab has no models",
        ]

        enum CodingKeys: String, CodingKey {
            case taskType = "task_type"
            case config
        }
    }

    /// ModelArts `SmartTaskConfig`, the members auto grouping uses, and obslab's `seed` (k-means's random seed: the
    /// same seed and images give the same groups; 0 when absent). `n_clusters` may be a number or, as in ModelArts's
    /// own example, a string of digits. Any other member is refused by name.
    public struct SmartTaskConfig: Codable, Sendable, Equatable {
        /// "Groups": 2 to 200.
        public var nClusters: Int?
        /// Group by the blurring degree ("Clarity").
        public var ambiguity: Bool?
        public var imageBrightness: Bool?
        public var imageColorfulness: Bool?
        /// The attribute name, when the result updates an attribute.
        public var property: String?
        /// 0 saves the result to OBS (`output_dir`), 1 to the samples (`property`).
        public var resultType: Int?
        /// The OBS folder the result is saved to.
        public var outputDir: String?
        public var seed: UInt64?

        public init(
            nClusters: Int? = nil,
            ambiguity: Bool? = nil,
            imageBrightness: Bool? = nil,
            imageColorfulness: Bool? = nil,
            property: String? = nil,
            resultType: Int? = nil,
            outputDir: String? = nil,
            seed: UInt64? = nil
        ) {
            self.nClusters = nClusters
            self.ambiguity = ambiguity
            self.imageBrightness = imageBrightness
            self.imageColorfulness = imageColorfulness
            self.property = property
            self.resultType = resultType
            self.outputDir = outputDir
            self.seed = seed
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case nClusters = "n_clusters"
            case ambiguity
            case imageBrightness = "image_brightness"
            case imageColorfulness = "image_colorfulness"
            case property
            case resultType = "result_type"
            case outputDir = "output_dir"
            case seed
        }

        private struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public init(from decoder: any Decoder) throws {
            let all = try decoder.container(keyedBy: AnyKey.self)
            let honoured = Set(CodingKeys.allCases.map(\.rawValue))
            if let unknown = all.allKeys.map(\.stringValue).sorted().first(where: { !honoured.contains($0) }) {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: decoder.codingPath + [AnyKey(stringValue: unknown)],
                        debugDescription: "is not supported: auto grouping honours \(honoured.sorted().joined(separator: ", "))"
                    )
                )
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let text = try? container.decodeIfPresent(String.self, forKey: .nClusters) {
                guard let number = Int(text) else {
                    throw DecodingError.dataCorruptedError(forKey: .nClusters, in: container, debugDescription: "must be an integer, not \(text)")
                }
                nClusters = number
            } else {
                nClusters = try container.decodeIfPresent(Int.self, forKey: .nClusters)
            }
            ambiguity = try container.decodeIfPresent(Bool.self, forKey: .ambiguity)
            imageBrightness = try container.decodeIfPresent(Bool.self, forKey: .imageBrightness)
            imageColorfulness = try container.decodeIfPresent(Bool.self, forKey: .imageColorfulness)
            property = try container.decodeIfPresent(String.self, forKey: .property)
            resultType = try container.decodeIfPresent(Int.self, forKey: .resultType)
            outputDir = try container.decodeIfPresent(String.self, forKey: .outputDir)
            seed = try container.decodeIfPresent(UInt64.self, forKey: .seed)
        }
    }

    /// A task, as its details and the task list give it (ModelArts's `RunningTask` / task details). `status`: 1
    /// running, 2 failed, 3 succeeded, 4 stopping, 5 stopped; `progress` in percent; `export_type` 0 OBS, 1 sample
    /// attributes.
    public struct SmartTask: Codable, Sendable {
        public var taskId: String
        public var datasetId: String
        /// The reference's name of the dataset the task runs on (`dataset_id` is kept for obslab's clients).
        public var resourceId: String
        public var createTime: String
        public var status: Int
        public var progress: Double
        /// Seconds.
        public var elapsedTime: Int64
        public var message: String
        public var errorCode: String?
        public var errorMessage: String?
        public var exportType: Int
        public var totalSampleCount: Int
        public var config: SmartTaskConfig
        public var result: SmartTaskResult

        public init(
            taskId: String,
            datasetId: String,
            createTime: String,
            status: Int,
            progress: Double,
            elapsedTime: Int64,
            message: String,
            errorCode: String? = nil,
            errorMessage: String? = nil,
            exportType: Int,
            totalSampleCount: Int,
            config: SmartTaskConfig,
            result: SmartTaskResult
        ) {
            self.taskId = taskId
            self.datasetId = datasetId
            self.resourceId = datasetId
            self.createTime = createTime
            self.status = status
            self.progress = progress
            self.elapsedTime = elapsedTime
            self.message = message
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.exportType = exportType
            self.totalSampleCount = totalSampleCount
            self.config = config
            self.result = result
        }

        public static let running = 1
        public static let failed = 2
        public static let succeeded = 3
        public static let stopping = 4
        public static let stopped = 5

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
            case datasetId = "dataset_id"
            case resourceId = "resource_id"
            case createTime = "create_time"
            case status
            case progress
            case elapsedTime = "elapsed_time"
            case message
            case errorCode = "error_code"
            case errorMessage = "error_msg"
            case exportType = "export_type"
            case totalSampleCount = "total_sample_count"
            case config
            case result
        }
    }

    /// ModelArts `Result`: `total_sample_count`, and `manifest_path` for a result saved to OBS; obslab's additions:
    /// `processed_sample_count` (the progress), `group_sizes` (images per group, group 0 first), and the images skipped
    /// with why.
    public struct SmartTaskResult: Codable, Sendable {
        public var totalSampleCount: Int
        public var processedSampleCount: Int
        public var groupSizes: [Int]
        public var manifestPath: String?
        public var skippedSampleCount: Int
        public var skippedSamples: [SkippedSample]

        public init(
            totalSampleCount: Int,
            processedSampleCount: Int,
            groupSizes: [Int],
            manifestPath: String?,
            skippedSampleCount: Int,
            skippedSamples: [SkippedSample]
        ) {
            self.totalSampleCount = totalSampleCount
            self.processedSampleCount = processedSampleCount
            self.groupSizes = groupSizes
            self.manifestPath = manifestPath
            self.skippedSampleCount = skippedSampleCount
            self.skippedSamples = skippedSamples
        }

        enum CodingKeys: String, CodingKey {
            case totalSampleCount = "total_sample_count"
            case processedSampleCount = "processed_sample_count"
            case groupSizes = "group_sizes"
            case manifestPath = "manifest_path"
            case skippedSampleCount = "skipped_sample_count"
            case skippedSamples = "skipped_samples"
        }
    }

    /// `GET …/tasks?type=auto-grouping`, newest first.
    public struct SmartTaskList: Codable, Sendable {
        public var tasks: [SmartTask]
        public var totalCount: Int
        /// Always false: obslab deploys no models.
        public var existRunningDeployTask: Bool

        public init(tasks: [SmartTask], totalCount: Int, existRunningDeployTask: Bool = false) {
            self.tasks = tasks
            self.totalCount = totalCount
            self.existRunningDeployTask = existRunningDeployTask
        }

        enum CodingKeys: String, CodingKey {
            case tasks
            case totalCount = "total_count"
            case existRunningDeployTask = "exist_running_deploy_task"
        }
    }
}
