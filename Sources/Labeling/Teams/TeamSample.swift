/// A sample as a team task sees it: the sample with the task's labels, its labeler, state, review and acceptance.
public struct TeamSample: Sendable, Hashable {
    public var sample: Sample
    public var assignment: TeamAssignment
}

/// A sample's place in a team task.
public struct TeamAssignment: Sendable, Hashable, Codable {
    public var sampleId: String
    /// The member who labels the sample.
    public var workerId: String
    public var state: TeamSampleState
    /// The reviewer's verdict, comment, score (A to D) and name; nil until reviewed.
    public var reviewAccept: Bool?
    public var reviewComment: String?
    public var reviewScore: String?
    public var reviewedBy: String?
    /// The acceptance that sampled the sample, and its verdict, comment and score.
    public var checkingTaskId: String?
    public var checkAccept: Bool?
    public var checkComment: String?
    public var checkScore: String?
}
