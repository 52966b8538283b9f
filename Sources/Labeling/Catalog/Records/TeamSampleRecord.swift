import Foundation
import GRDB

/// A sample's place in a team task: its labeler, state, review and acceptance.
struct TeamSampleRecord: CatalogRecord {
    static let databaseTableName = "teamSample"

    enum Columns {
        static let jobId = Column(CodingKeys.jobId)
        static let sampleId = Column(CodingKeys.sampleId)
        static let workerId = Column(CodingKeys.workerId)
        static let state = Column(CodingKeys.state)
        static let checkingTaskId = Column(CodingKeys.checkingTaskId)
    }

    var jobId: String
    var sampleId: String
    var workerId: String
    var state: TeamSampleState
    var reviewAccept: Bool?
    var reviewComment: String?
    var reviewScore: String?
    var reviewedBy: String?
    var checkingTaskId: String?
    var checkAccept: Bool?
    var checkComment: String?
    var checkScore: String?

    init(jobId: String, sampleId: String, workerId: String) {
        self.jobId = jobId
        self.sampleId = sampleId
        self.workerId = workerId
        state = .unlabeled
    }

    var assignment: TeamAssignment {
        TeamAssignment(
            sampleId: sampleId, workerId: workerId, state: state, reviewAccept: reviewAccept, reviewComment: reviewComment,
            reviewScore: reviewScore, reviewedBy: reviewedBy, checkingTaskId: checkingTaskId, checkAccept: checkAccept,
            checkComment: checkComment, checkScore: checkScore
        )
    }

    /// The labels changed: back to labeled-and-waiting (or unlabeled), and the old verdicts no longer hold.
    mutating func relabeled(isLabeled: Bool, hasReviewers: Bool) {
        state = isLabeled ? (hasReviewers ? .unreviewed : .uncheck) : .unlabeled
        reviewAccept = nil
        reviewComment = nil
        reviewScore = nil
        reviewedBy = nil
    }
}
