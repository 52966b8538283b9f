/// The counts of a team task's samples by state, of the whole task or of one member.
public struct TeamSampleCounts: Sendable, Hashable {
    public var total = 0
    public var unlabeled = 0
    public var unreviewed = 0
    public var rejected = 0
    public var uncheck = 0
    public var accepted = 0
    /// Sampled by the acceptance under way.
    public var sampled = 0

    mutating func add(_ assignment: TeamAssignment, checkingTaskId: String?) {
        total += 1
        switch assignment.state {
        case .unlabeled: unlabeled += 1
        case .unreviewed: unreviewed += 1
        case .rejected: rejected += 1
        case .uncheck: uncheck += 1
        case .accepted: accepted += 1
        }
        if let checkingTaskId, assignment.checkingTaskId == checkingTaskId { sampled += 1 }
    }
}
