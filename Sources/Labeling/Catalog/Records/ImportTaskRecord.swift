import Foundation
import GRDB

struct ImportTaskRecord: CatalogRecord {
    static let databaseTableName = "importTask"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var datasetId: String
    /// An `ImportTask.Kind` raw value.
    var kind: String
    var path: String
    /// An `ImportTask.Status` raw value.
    var status: String
    var totalSampleCount: Int
    var importedSampleCount: Int
    var annotatedSampleCount: Int
    var skippedCount: Int
    var skipped: [ImportTask.Skipped]
    var author: String?
    var errorCode: String?
    var errorMessage: String?
    var createdAt: Date
    var finishedAt: Date?

    init(_ task: ImportTask) {
        id = task.id
        datasetId = task.datasetId
        kind = task.kind.rawValue
        path = task.path
        status = task.status.rawValue
        totalSampleCount = task.totalSampleCount
        importedSampleCount = task.importedSampleCount
        annotatedSampleCount = task.annotatedSampleCount
        skippedCount = task.skippedCount
        skipped = task.skipped
        author = task.author
        errorCode = task.error?.code.rawValue
        errorMessage = task.error?.message
        createdAt = task.createdAt
        finishedAt = task.finishedAt
    }

    var task: ImportTask {
        ImportTask(
            id: id,
            datasetId: datasetId,
            kind: ImportTask.Kind(rawValue: kind) ?? .add,
            path: path,
            status: ImportTask.Status(rawValue: status) ?? .failed,
            totalSampleCount: totalSampleCount,
            importedSampleCount: importedSampleCount,
            annotatedSampleCount: annotatedSampleCount,
            skippedCount: skippedCount,
            skipped: skipped,
            author: author,
            createdAt: createdAt,
            finishedAt: finishedAt,
            error: errorCode.map { LabelingError(code: LabelingError.Code(rawValue: $0) ?? .internalError, message: errorMessage ?? "") }
        )
    }
}
