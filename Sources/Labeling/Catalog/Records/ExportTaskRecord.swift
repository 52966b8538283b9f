import Foundation
import GRDB

struct ExportTaskRecord: CatalogRecord {
    static let databaseTableName = "exportTask"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var datasetId: String
    /// The `ExportSpec`, as JSON.
    var spec: ExportSpec
    /// An `ExportTask.Status` raw value.
    var status: String
    var totalSampleCount: Int
    var finishedSampleCount: Int
    var fileCount: Int
    var manifestPath: String?
    var errorCode: String?
    var errorMessage: String?
    var createdAt: Date
    var updatedAt: Date
    var finishedAt: Date?

    init(_ task: ExportTask) {
        id = task.id
        datasetId = task.datasetId
        spec = task.spec
        status = task.status.rawValue
        totalSampleCount = task.totalSampleCount
        finishedSampleCount = task.finishedSampleCount
        fileCount = task.fileCount
        manifestPath = task.manifestPath
        errorCode = task.error?.code.rawValue
        errorMessage = task.error?.message
        createdAt = task.createdAt
        updatedAt = task.updatedAt
        finishedAt = task.finishedAt
    }

    var task: ExportTask {
        ExportTask(
            id: id,
            datasetId: datasetId,
            spec: spec,
            status: ExportTask.Status(rawValue: status) ?? .failed,
            totalSampleCount: totalSampleCount,
            finishedSampleCount: finishedSampleCount,
            fileCount: fileCount,
            manifestPath: manifestPath,
            createdAt: createdAt,
            updatedAt: updatedAt,
            finishedAt: finishedAt,
            error: errorCode.map { LabelingError(code: LabelingError.Code(rawValue: $0) ?? .internalError, message: errorMessage ?? "") }
        )
    }
}
