import LabelFormats

/// What creating a dataset takes (ModelArts `dataset_name`, `dataset_type`, `data_sources`, `work_path`, `labels`).
public struct DatasetSpec: Sendable, Hashable {
    /// 1 to 100 letters, digits, `_` and `-`, unique among datasets.
    public var name: String
    public var kind: DatasetKind
    /// `obs://bucket/prefix/`: where the raw files and their label files are.
    public var inputPath: String
    /// `obs://bucket/prefix/`: where published versions go; neither the input path nor inside it.
    public var outputPath: String
    /// At most 256 characters, none of ``^!<>=&"'``.
    public var description: String
    /// The initial label set; labels found in sidecars are added by sync.
    public var labels: [Label]

    public init(name: String, kind: DatasetKind, inputPath: String, outputPath: String, description: String = "", labels: [Label] = []) {
        self.name = name
        self.kind = kind
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.description = description
        self.labels = labels
    }
}
