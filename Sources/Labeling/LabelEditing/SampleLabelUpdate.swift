import LabelFormats

/// The labels a user gives one sample: they replace the sample's labels; none makes the sample unlabeled.
public struct SampleLabelUpdate: Sendable, Hashable {
    public var sampleId: String
    /// For object detection each annotation needs its shape.
    public var annotations: [Annotation]
    /// The sample's new hard-example state (of the sample, whichever job the update goes through); nil keeps it.
    public var hard: HardExample?

    public init(sampleId: String, annotations: [Annotation], hard: HardExample? = nil) {
        self.sampleId = sampleId
        self.annotations = annotations
        self.hard = hard
    }
}

/// Whether one sample's labels were updated, and if not why.
public struct SampleUpdateResult: Sendable, Hashable {
    public var sampleId: String
    public var error: LabelingError?
}
