import LabelFormats

/// A label of a dataset's label set, with the number of the dataset's samples carrying it.
public struct LabelStatistic: Sendable, Hashable {
    public var label: Label
    public var sampleCount: Int
}
