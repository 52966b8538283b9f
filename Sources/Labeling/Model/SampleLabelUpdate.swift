import LabelFormats

/// The labels a user gives one sample: they replace the sample's labels; none makes the sample unlabeled.
public struct SampleLabelUpdate: Sendable, Hashable {
    public var sampleId: String
    /// For object detection each annotation needs its shape.
    public var annotations: [Annotation]

    public init(sampleId: String, annotations: [Annotation]) {
        self.sampleId = sampleId
        self.annotations = annotations
    }
}

/// Whether one sample's labels were updated, and if not why.
public struct SampleUpdateResult: Sendable, Hashable {
    public var sampleId: String
    public var error: LabelingError?
}
