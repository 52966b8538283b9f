import LabelFormats

/// "Obtaining Dataset Statistics": the labels with how often they are used, the samples by state, and the hard examples
/// by reason, over the dataset's samples (or only its labeled or only its unlabeled ones).
public struct DatasetStatistics: Sendable, Hashable {
    /// A label of the set: how many samples carry it, and how many times it is set (a box is one).
    public struct LabelUsage: Sendable, Hashable {
        public var label: Label
        public var sampleCount: Int
        public var count: Int
    }

    public var labels: [LabelUsage]
    /// Over the samples the statistics cover.
    public var counts: SampleCounts
    /// Samples deleted from the dataset since it was created.
    public var deletedSampleCount: Int
    public var hardSampleCount: Int
    /// How many hard examples give each reason id (0 to 30, the reference's table).
    public var hardReasonCounts: [Int: Int]
}
