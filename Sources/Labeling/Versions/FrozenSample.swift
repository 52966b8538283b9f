import LabelFormats

/// A sample as a published version froze it: which file (and line) and which labels. The sample may be gone since.
struct FrozenSample: Sendable, Hashable {
    var sampleId: String
    var bucket: String
    var key: String
    /// 0 for a whole object, the 1-based line for a text sample.
    var line: Int
    var annotations: [Annotation]
}
