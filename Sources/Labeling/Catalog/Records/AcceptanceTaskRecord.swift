import Foundation
import GRDB

/// An acceptance of a team task, with its verdict counts once it ended.
struct AcceptanceTaskRecord: CatalogRecord {
    static let databaseTableName = "acceptanceTask"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let jobId = Column(CodingKeys.jobId)
        static let status = Column(CodingKeys.status)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var jobId: String
    var samplingRate: Double?
    var samplingNum: Int?
    var totalCount: Int
    var sampledCount: Int
    var status: AcceptanceStatus
    var action: AcceptanceAction?
    var acceptedCount: Int
    var rejectedCount: Int
    var scorePoints: Int
    var scoredCount: Int
    var createdAt: Date
    var finishedAt: Date?

    var task: AcceptanceTask {
        AcceptanceTask(
            id: id, jobId: jobId, samplingRate: samplingRate, samplingNum: samplingNum, totalCount: totalCount,
            sampledCount: sampledCount, status: status, action: action, acceptedCount: acceptedCount, rejectedCount: rejectedCount,
            scorePoints: scorePoints, scoredCount: scoredCount, createdAt: createdAt
        )
    }
}
