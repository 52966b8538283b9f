/// Where a sample of a team task stands: ModelArts's team sample states.
public enum TeamSampleState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not labeled yet (`__NONE__`).
    case unlabeled
    /// Labeled, waiting for a reviewer (`__UNREVIEWED__`).
    case unreviewed
    /// Sent back by a reviewer or the acceptance: to label again (`__REJECTED__`).
    case rejected
    /// Reviewed (or labeled, in a team without reviewers): waiting for the owner's acceptance (`__UNCHECK__`).
    case uncheck
    /// Passed the owner's acceptance (`__ACCEPTED__`).
    case accepted
}
