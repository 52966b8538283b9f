import LabelFormats

/// A file sent with "Add data": its name in the input path, its bytes, and optionally its labels.
public struct NewSample: Sendable, Hashable {
    /// A file name (no `/`), with an extension the dataset's type samples (`.jpg`, `.wav`, `.txt`…).
    public var name: String
    public var data: [UInt8]
    /// The sample's labels; none leaves them to the storage, as a sync would read them (a label file next to it, or
    /// for text, the labels in the file).
    public var annotations: [Annotation]
    /// Whether the sample is a hard example (ModelArts `@modelarts:hard`).
    public var hard: Bool?

    public init(name: String, data: [UInt8], annotations: [Annotation] = [], hard: Bool? = nil) {
        self.name = name
        self.data = data
        self.annotations = annotations
        self.hard = hard
    }
}

/// What became of one file of an "Add data".
public struct AddedSample: Sendable, Hashable {
    public var name: String
    /// `obs://bucket/key` the file was written to (or would have been).
    public var source: String
    /// The samples it became: one, or one per line of a text file; empty when it failed.
    public var sampleIds: [String]
    public var error: LabelingError?
}

/// The outcome of an "Add data": one result per file, in order, and the task recorded in the dataset's history.
public struct AddReport: Sendable, Hashable {
    public var task: ImportTask
    public var results: [AddedSample]

    public var succeeded: Bool { results.allSatisfy { $0.error == nil } }
}
