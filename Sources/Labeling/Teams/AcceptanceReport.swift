/// The report of an acceptance ("Querying the Report of a Team Labeling Acceptance Task"): the acceptance asked for,
/// and every acceptance of the task so far.
public struct AcceptanceReport: Sendable, Hashable {
    public var checking: AcceptanceStats
    public var total: AcceptanceStats
}

/// Counts of one acceptance, or of several.
public struct AcceptanceStats: Sendable, Hashable {
    public var taskId: String?
    public var samplingRate: Double?
    public var samplingNum: Int?
    public var totalSampleCount: Int
    public var sampledSampleCount: Int
    public var acceptedSampleCount: Int
    public var rejectedSampleCount: Int
    /// Sum of the scores given (A 4, B 3, C 2, D 1) and how many samples had one.
    public var scorePoints: Int
    public var scoredCount: Int

    public var checkedSampleCount: Int { acceptedSampleCount + rejectedSampleCount }
    public var uncheckedSampleCount: Int { max(0, sampledSampleCount - checkedSampleCount) }
    /// Accepted among the checked; 0 before any check.
    public var passRate: Double { checkedSampleCount == 0 ? 0 : Double(acceptedSampleCount) / Double(checkedSampleCount) }
    /// The mean score as a letter, E when no sample was scored (as ModelArts reports an acceptance without scores).
    public var score: String { Score.letter(points: scorePoints, count: scoredCount) }
}
