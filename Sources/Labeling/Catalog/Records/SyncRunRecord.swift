import Foundation
import GRDB

struct SyncRunRecord: CatalogRecord {
    static let databaseTableName = "syncRun"

    enum Columns {
        static let datasetId = Column(CodingKeys.datasetId)
        static let status = Column(CodingKeys.status)
        static let startedAt = Column(CodingKeys.startedAt)
        static let finishedAt = Column(CodingKeys.finishedAt)
        static let errorCode = Column(CodingKeys.errorCode)
        static let errorMessage = Column(CodingKeys.errorMessage)
    }

    var id: String
    var datasetId: String
    /// A `SyncReport.Status` raw value.
    var status: String
    var addedSampleCount: Int
    var deletedSampleCount: Int
    var totalSampleCount: Int
    var sidecarsRead: Int
    var sidecarsUnchanged: Int
    var startedAt: Date
    var finishedAt: Date?
    var errorCode: String?
    var errorMessage: String?

    init(_ report: SyncReport) {
        id = report.id
        datasetId = report.datasetId
        status = report.status.rawValue
        addedSampleCount = report.addedSampleCount
        deletedSampleCount = report.deletedSampleCount
        totalSampleCount = report.totalSampleCount
        sidecarsRead = report.sidecarsRead
        sidecarsUnchanged = report.sidecarsUnchanged
        startedAt = report.startedAt
        finishedAt = report.finishedAt
        errorCode = report.error?.code.rawValue
        errorMessage = report.error?.message
    }

    var report: SyncReport {
        SyncReport(
            id: id,
            datasetId: datasetId,
            status: SyncReport.Status(rawValue: status) ?? .failed,
            addedSampleCount: addedSampleCount,
            deletedSampleCount: deletedSampleCount,
            totalSampleCount: totalSampleCount,
            sidecarsRead: sidecarsRead,
            sidecarsUnchanged: sidecarsUnchanged,
            startedAt: startedAt,
            finishedAt: finishedAt,
            error: errorCode.map { LabelingError(code: LabelingError.Code(rawValue: $0) ?? .internalError, message: errorMessage ?? "") }
        )
    }
}
