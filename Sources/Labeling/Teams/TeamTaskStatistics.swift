/// A team task's statistics: its samples by state, per member, and its labels.
public struct TeamTaskStatistics: Sendable, Hashable {
    public var counts: TeamSampleCounts
    public var byWorker: [WorkerCounts]
    public var labels: [LabelCount]
    /// Hard examples among the task's samples.
    public var hardCount: Int
}

/// One member's samples by state.
public struct WorkerCounts: Sendable, Hashable {
    public var worker: Worker
    public var counts: TeamSampleCounts
}

/// How many times a label is set, on how many samples.
public struct LabelCount: Sendable, Hashable {
    public var name: String
    public var count: Int
    public var sampleCount: Int
}
