/// A team labeling task: a labeling job whose samples are assigned to team members, labeled, reviewed and accepted.
public struct TeamTask: Sendable, Hashable {
    public var job: LabelingJob
    public var status: TeamTaskStatus
    /// Whether accepted labels are written to the dataset when an acceptance passes.
    public var autoSyncDataset: Bool
    /// The members taking part, as the task was created.
    public var workers: [Worker]
    /// The acceptance under way, if any.
    public var checkingTaskId: String?

    /// Whether labeled samples wait for a reviewer before the owner's acceptance.
    public var hasReviewers: Bool { workers.contains { $0.role == .reviewer } }

    /// The labelers the samples are spread over, in the order given.
    var labelers: [Worker] {
        let labelers = workers.filter { $0.role == .labeler }
        return labelers.isEmpty ? workers.filter { $0.role == .administrator } : labelers
    }
}

/// The stages of a team labeling task, as ModelArts's task statuses name them.
public enum TeamTaskStatus: String, Sendable, Hashable, Codable {
    /// Members label and review.
    case running
    /// The owner checks a sample of the reviewed labels.
    case accepting
    /// The acceptance passed: the task is done.
    case accepted
    /// The acceptance rejected everything: members label and review again.
    case rejected
}
