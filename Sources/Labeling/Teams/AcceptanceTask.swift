import Foundation

/// An acceptance of a team task: the owner checks a sample of its reviewed labels ("Creating a Team Labeling Acceptance
/// Task").
public struct AcceptanceTask: Sendable, Hashable {
    public var id: String
    public var jobId: String
    public var samplingRate: Double?
    public var samplingNum: Int?
    /// The task's samples when the acceptance started, and how many it sampled.
    public var totalCount: Int
    public var sampledCount: Int
    public var status: AcceptanceStatus
    /// How it ended, once it has.
    public var action: AcceptanceAction?
    /// Its verdicts when it ended (while it runs, the report counts them live).
    public var acceptedCount: Int
    public var rejectedCount: Int
    public var scorePoints: Int
    public var scoredCount: Int
    public var createdAt: Date
}

public enum AcceptanceStatus: String, Sendable, Hashable, Codable {
    case checking
    case finished
    case cancelled
}

/// How the owner ends an acceptance ("Updating Status of a Team Labeling Acceptance Task").
public enum AcceptanceAction: String, Sendable, Hashable, Codable {
    /// Every sample passes; the task is accepted.
    case passAll
    /// Every sampled sample is rejected, back to its labeler; the task is rejected.
    case rejectAll
    /// The acceptance is dropped; its verdicts are forgotten.
    case cancel
    /// Only the samples accepted one by one pass; the rejected go back to their labelers.
    case passAccepted
}
