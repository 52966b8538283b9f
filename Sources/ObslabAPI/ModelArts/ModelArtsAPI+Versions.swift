import LabelFormats

extension ModelArtsAPI {
    /// `POST …/datasets/{dataset_id}/versions`. `export_images: true` and `remove_sample_usage: false` are refused, as
    /// obslab copies no image into a version and keeps no usage with samples; `with_column_header` is for table
    /// datasets, which obslab does not have, and means nothing here, as on ModelArts for other datasets.
    public struct CreateVersion: Codable, Sendable, ExactRequest {
        public var versionName: String?
        public var description: String?
        /// `Default` is the only format obslab publishes.
        public var versionFormat: String?
        public var clearHardProperty: Bool?
        public var exportImages: Bool?
        public var removeSampleUsage: Bool?
        public var trainEvaluateSampleRatio: String?
        public var withColumnHeader: Bool?

        public init(
            versionName: String? = nil,
            description: String? = nil,
            versionFormat: String? = nil,
            clearHardProperty: Bool? = nil,
            exportImages: Bool? = nil,
            removeSampleUsage: Bool? = nil,
            trainEvaluateSampleRatio: String? = nil,
            withColumnHeader: Bool? = nil
        ) {
            self.versionName = versionName
            self.description = description
            self.versionFormat = versionFormat
            self.clearHardProperty = clearHardProperty
            self.exportImages = exportImages
            self.removeSampleUsage = removeSampleUsage
            self.trainEvaluateSampleRatio = trainEvaluateSampleRatio
            self.withColumnHeader = withColumnHeader
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case versionName = "version_name"
            case description
            case versionFormat = "version_format"
            case clearHardProperty = "clear_hard_property"
            case exportImages = "export_images"
            case removeSampleUsage = "remove_sample_usage"
            case trainEvaluateSampleRatio = "train_evaluate_sample_ratio"
            case withColumnHeader = "with_column_header"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// The answer to a version's creation (201).
    public struct CreateVersionResponse: Codable, Sendable {
        public var versionId: String

        public init(versionId: String) {
            self.versionId = versionId
        }

        enum CodingKeys: String, CodingKey {
            case versionId = "version_id"
        }
    }

    /// A published version (ModelArts `DatasetVersion`), the fields obslab has a value for.
    public struct Version: Codable, Sendable {
        public var versionId: String
        public var versionName: String
        public var versionFormat: String
        public var previousVersionId: String?
        /// 1 (normal): obslab publishes a version in one go.
        public var status: Int
        public var createTime: Int64
        /// The creation time: a published version never changes.
        public var updateTime: Int64
        public var totalSampleCount: Int
        public var annotatedSampleCount: Int
        /// Against the previous version.
        public var addSampleCount: Int
        public var modifiedSampleCount: Int
        public var deletedSampleCount: Int
        /// `/bucket/…/annotation/V001/V001.manifest`, ModelArts's form.
        public var manifestPath: String
        public var isCurrent: Bool
        public var description: String
        public var labelStats: [LabelStats]
        /// `multi` when some sample has several labels, otherwise `single`.
        public var labelType: String
        /// The dataset's label type code.
        public var taskType: Int
        /// The options it was published with.
        public var clearHardProperty: Bool
        public var trainEvaluateSampleRatio: String
        /// Always false and true: see `CreateVersion`.
        public var exportImages = false
        public var removeSampleUsage = true
        /// `<version folder>data/`, where ModelArts would have exported the images.
        public var dataPath: String
        /// obslab's samples have no sub-samples (ModelArts's are for other kinds of data).
        public var totalSubSampleCount = 0
        public var annotatedSubSampleCount = 0

        /// The only `version_format` obslab has.

        public init(
            versionId: String,
            versionName: String,
            versionFormat: String,
            previousVersionId: String? = nil,
            status: Int,
            createTime: Int64,
            totalSampleCount: Int,
            annotatedSampleCount: Int,
            addSampleCount: Int,
            modifiedSampleCount: Int,
            deletedSampleCount: Int,
            manifestPath: String,
            isCurrent: Bool,
            description: String,
            labelStats: [LabelStats],
            labelType: String,
            taskType: Int,
            clearHardProperty: Bool,
            trainEvaluateSampleRatio: String,
            dataPath: String
        ) {
            self.versionId = versionId
            self.versionName = versionName
            self.versionFormat = versionFormat
            self.previousVersionId = previousVersionId
            self.status = status
            self.createTime = createTime
            self.updateTime = createTime
            self.totalSampleCount = totalSampleCount
            self.annotatedSampleCount = annotatedSampleCount
            self.addSampleCount = addSampleCount
            self.modifiedSampleCount = modifiedSampleCount
            self.deletedSampleCount = deletedSampleCount
            self.manifestPath = manifestPath
            self.isCurrent = isCurrent
            self.description = description
            self.labelStats = labelStats
            self.labelType = labelType
            self.taskType = taskType
            self.clearHardProperty = clearHardProperty
            self.trainEvaluateSampleRatio = trainEvaluateSampleRatio
            self.dataPath = dataPath
        }

        public static let defaultFormat = "Default"

        enum CodingKeys: String, CodingKey {
            case versionId = "version_id"
            case versionName = "version_name"
            case versionFormat = "version_format"
            case previousVersionId = "previous_version_id"
            case status
            case createTime = "create_time"
            case updateTime = "update_time"
            case totalSampleCount = "total_sample_count"
            case annotatedSampleCount = "annotated_sample_count"
            case addSampleCount = "add_sample_count"
            case modifiedSampleCount = "modified_sample_count"
            case deletedSampleCount = "deleted_sample_count"
            case manifestPath = "manifest_path"
            case isCurrent = "is_current"
            case description
            case labelStats = "label_stats"
            case labelType = "label_type"
            case taskType = "task_type"
            case clearHardProperty = "clear_hard_property"
            case trainEvaluateSampleRatio = "train_evaluate_sample_ratio"
            case exportImages = "export_images"
            case removeSampleUsage = "remove_sample_usage"
            case dataPath = "data_path"
            case totalSubSampleCount = "total_sub_sample_count"
            case annotatedSubSampleCount = "annotated_sub_sample_count"
        }
    }

    /// A label in a version: `count` annotations carry it, on `sample_count` samples.
    public struct LabelStats: Codable, Sendable {
        public var name: String
        public var type: Int
        public var property: [String: JSONValue]
        public var count: Int
        public var sampleCount: Int

        public init(name: String, type: Int, property: [String: JSONValue], count: Int, sampleCount: Int) {
            self.name = name
            self.type = type
            self.property = property
            self.count = count
            self.sampleCount = sampleCount
        }

        enum CodingKeys: String, CodingKey {
            case name, type, property, count
            case sampleCount = "sample_count"
        }
    }

    /// `GET …/datasets/{dataset_id}/versions`: one page, newest first, and the number of versions in all.
    public struct VersionList: Codable, Sendable {
        public var totalNumber: Int
        public var versions: [Version]

        public init(totalNumber: Int, versions: [Version]) {
            self.totalNumber = totalNumber
            self.versions = versions
        }

        enum CodingKeys: String, CodingKey {
            case totalNumber = "total_number"
            case versions
        }
    }
}
