import LabelFormats

/// What a sync does to the samples of one raw object.
enum SampleChange: Sendable {
    /// The object changed but its labels cannot have: only its ETag and size are updated.
    case touch(StoredObject)
    /// The object's samples become exactly these (one for an image or sound, one per line for a text file).
    case replace(SampleOutcome)
}

/// The samples a raw object gives, with the label file they were read from.
struct SampleOutcome: Sendable {
    var raw: StoredObject
    var contents: [SampleContent]
    /// The label file that decided the labels (the sidecar, or a label file of another type), recorded with its ETag
    /// so that the next sync can tell whether it changed.
    var evidence: StoredObject?
}

/// One sample's labels, or why it has none.
struct SampleContent: Sendable {
    /// 0 for a whole object, the 1-based line for a text sample.
    var line: Int = 0
    var text: String?
    var annotations: [Annotation] = []
    var source: LabelSource?
    var reason: UnlabeledReason?

    static func unlabeled(_ reason: UnlabeledReason, line: Int = 0, text: String? = nil) -> SampleContent {
        SampleContent(line: line, text: text, reason: reason)
    }

    static func labeled(_ annotations: [Annotation], source: LabelSource, line: Int = 0, text: String? = nil) -> SampleContent {
        SampleContent(line: line, text: text, annotations: annotations, source: source)
    }
}
