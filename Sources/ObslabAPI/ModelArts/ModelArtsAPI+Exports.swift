import Foundation

/// Export tasks to OBS (`…/datasets/{id}/export-tasks`: "Creating a Dataset Export Task", "Querying the Dataset Export
/// Task List", "Querying the Status of a Dataset Export Task"). obslab writes a manifest, or PASCAL VOC files for
/// object detection, into an OBS folder; the members for other destinations and formats are refused by name.
extension ModelArtsAPI {
    /// `POST …/export-tasks`.
    public struct CreateExportTask: Codable, Sendable, ExactRequest {
        /// The OBS folder, `/bucket/folder/` or `obs://bucket/folder/`.
        public var path: String?
        /// 0 labeled, 1 unlabeled, 2 all, 3 by `sample_state` (`__ALL__`, `__NONE__`, or empty for all).
        public var exportType: Int?
        /// `VOC`: PASCAL VOC files (object detection); absent: a manifest.
        public var annotationFormat: String?
        public var sampleState: String?
        /// `obs://` (the default) or `s3://`: how the manifest writes OBS locations.
        public var sourceTypeHeader: String?
        public var exportParams: ExportParams?

        public init(
            path: String?,
            exportType: Int? = nil,
            annotationFormat: String? = nil,
            sampleState: String? = nil,
            sourceTypeHeader: String? = nil,
            exportParams: ExportParams? = nil
        ) {
            self.path = path
            self.exportType = exportType
            self.annotationFormat = annotationFormat
            self.sampleState = sampleState
            self.sourceTypeHeader = sourceTypeHeader
            self.exportParams = exportParams
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case path
            case exportType = "export_type"
            case annotationFormat = "annotation_format"
            case sampleState = "sample_state"
            case sourceTypeHeader = "source_type_header"
            case exportParams = "export_params"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
        public static let refusedFields = [
            "export_format": "is not supported: obslab writes a manifest or PASCAL VOC files, not a copy of the data as a tree or tiles",
            "version_format": "is not supported: obslab exports in the default format only",
            "version_id": "is not supported: obslab exports the dataset's samples as they are now, not a version's",
            "with_column_header": "is not supported: obslab has no table datasets",
            "status": "is a member of the task's status, not of a request",
            "task_id": "is a member of the task's status, not of a request",
        ]
    }

    /// ModelArts `ExportParams`: obslab honours `export_dest` `DIR`, `clear_hard_property` and `sample_state`; any other
    /// member is refused by name.
    public struct ExportParams: Codable, Sendable, Equatable {
        public var clearHardProperty: Bool?
        public var exportDest: String?
        public var sampleState: String?

        public init(clearHardProperty: Bool? = nil, exportDest: String? = nil, sampleState: String? = nil) {
            self.clearHardProperty = clearHardProperty
            self.exportDest = exportDest
            self.sampleState = sampleState
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case clearHardProperty = "clear_hard_property"
            case exportDest = "export_dest"
            case sampleState = "sample_state"
        }

        static let refusedFields = [
            "export_dataset_version_format": "is not supported: obslab exports to OBS only, not to a dataset version",
            "export_dataset_version_name": "is not supported: obslab exports to OBS only, not to a dataset version",
            "export_new_dataset_name": "is not supported: obslab exports to OBS only (export_dest DIR), not to a new dataset",
            "export_new_dataset_work_path": "is not supported: obslab exports to OBS only (export_dest DIR), not to a new dataset",
            "ratio_sample_usage": "is not supported: obslab does not split an export into training and validation sets",
            "train_sample_ratio": "is not supported: obslab does not split an export into training and validation sets",
            "samples": "is not supported: obslab exports by export_type and sample_state, not a list of samples",
            "search_conditions": "is not supported: obslab exports by export_type and sample_state, not by search conditions",
        ]

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
                let reason =
                    Self.refusedFields[unknown] ?? "is not a member obslab honours (it honours \(honoured.sorted().joined(separator: ", ")))"
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(codingPath: decoder.codingPath + [AnyKey(stringValue: unknown)], debugDescription: reason)
                )
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            clearHardProperty = try container.decodeIfPresent(Bool.self, forKey: .clearHardProperty)
            exportDest = try container.decodeIfPresent(String.self, forKey: .exportDest)
            sampleState = try container.decodeIfPresent(String.self, forKey: .sampleState)
        }
    }

    /// ModelArts `ExportTaskStatusResp`, and obslab's `annotation_format` and `manifest_path` (the manifest written, once
    /// the task succeeded). `progress` is in percent.
    public struct ExportTaskStatus: Codable, Sendable {
        public var taskId: String
        public var path: String
        public var exportType: Int
        public var annotationFormat: String?
        public var exportParams: ExportParams
        public var status: String
        public var progress: Double
        public var totalSampleCount: Int
        public var finishedSampleCount: Int
        public var createTime: Int64
        public var updateTime: Int64
        public var errorCode: String?
        public var errorMessage: String?
        public var manifestPath: String?

        public init(
            taskId: String,
            path: String,
            exportType: Int,
            annotationFormat: String?,
            exportParams: ExportParams,
            status: String,
            progress: Double,
            totalSampleCount: Int,
            finishedSampleCount: Int,
            createTime: Int64,
            updateTime: Int64,
            errorCode: String?,
            errorMessage: String?,
            manifestPath: String?
        ) {
            self.taskId = taskId
            self.path = path
            self.exportType = exportType
            self.annotationFormat = annotationFormat
            self.exportParams = exportParams
            self.status = status
            self.progress = progress
            self.totalSampleCount = totalSampleCount
            self.finishedSampleCount = finishedSampleCount
            self.createTime = createTime
            self.updateTime = updateTime
            self.errorCode = errorCode
            self.errorMessage = errorMessage
            self.manifestPath = manifestPath
        }

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
            case path
            case exportType = "export_type"
            case annotationFormat = "annotation_format"
            case exportParams = "export_params"
            case status
            case progress
            case totalSampleCount = "total_sample_count"
            case finishedSampleCount = "finished_sample_count"
            case createTime = "create_time"
            case updateTime = "update_time"
            case errorCode = "error_code"
            case errorMessage = "error_msg"
            case manifestPath = "manifest_path"
        }

        public static let running = "RUNNING"
        /// ModelArts's spelling.
        public static let succeeded = "SUCCESSED"
        public static let failed = "FAILED"
        /// `annotation_format` of a PASCAL VOC export.
        public static let voc = "VOC"
    }

    /// `GET …/export-tasks`.
    public struct ExportTaskList: Codable, Sendable {
        public var totalCount: Int
        public var exportTasks: [ExportTaskStatus]

        public init(totalCount: Int, exportTasks: [ExportTaskStatus]) {
            self.totalCount = totalCount
            self.exportTasks = exportTasks
        }

        enum CodingKeys: String, CodingKey {
            case totalCount = "total_count"
            case exportTasks = "export_tasks"
        }
    }
}
