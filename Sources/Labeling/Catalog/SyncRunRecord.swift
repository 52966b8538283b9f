import Foundation
import GRDB

struct SyncRunRecord: CatalogRecord {
    static let databaseTableName = "syncRun"

    enum Columns {
        static let datasetId = Column(CodingKeys.datasetId)
        static let startedAt = Column(CodingKeys.startedAt)
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
            error: errorCode.map { LabelingError(code: $0, message: errorMessage ?? "", kind: .internal) }
        )
    }
}
