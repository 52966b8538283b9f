import Foundation
import GRDB

/// What makes a labeling job a team task: its stage, its members (a JSON copy, as they were when it was created) and
/// the acceptance under way.
struct TeamTaskRecord: CatalogRecord {
    static let databaseTableName = "teamTask"

    enum Columns {
        static let jobId = Column(CodingKeys.jobId)
    }

    var jobId: String
    var status: TeamTaskStatus
    var autoSyncDataset: Bool
    var workers: [Worker]
    var checkingTaskId: String?

    func task(_ job: LabelingJob) -> TeamTask {
        TeamTask(job: job, status: status, autoSyncDataset: autoSyncDataset, workers: workers, checkingTaskId: checkingTaskId)
    }
}
