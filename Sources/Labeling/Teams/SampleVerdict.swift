/// A reviewer's or the owner's verdict on one sample.
public struct SampleVerdict: Sendable, Hashable {
    public var sampleId: String
    /// When given, the sample's labeler.
    public var workerId: String?
    public var accept: Bool
    public var comment: String?
    /// A to D, best first.
    public var score: String?

    public init(sampleId: String, workerId: String? = nil, accept: Bool, comment: String? = nil, score: String? = nil) {
        self.sampleId = sampleId
        self.workerId = workerId
        self.accept = accept
        self.comment = comment
        self.score = score
    }
}
