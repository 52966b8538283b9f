/// An import from OBS into a dataset (ModelArts `POST …/import-tasks`).
public struct ImportSpec: Sendable, Hashable {
    /// `obs://bucket/folder/` or `obs://bucket/path/file.manifest` (`s3://` and `/bucket/…` too).
    public var path: String
    /// `.folder` or `.manifest`; nil: a path ending with `.manifest` is a manifest, any other a folder.
    public var kind: ImportTask.Kind?
    /// Whether a manifest's labels are imported (otherwise its samples are labeled as a sync would label them).
    public var importAnnotations: Bool
    /// Import only the manifest samples carrying one of these labels (none: every sample).
    public var includedLabels: [String]
    /// Leave out the manifest samples carrying any of these labels.
    public var excludedLabels: [String]
    /// Import only the manifest entries marked hard.
    public var difficultOnly: Bool
    public var author: String?

    public init(
        path: String,
        kind: ImportTask.Kind? = nil,
        importAnnotations: Bool = true,
        includedLabels: [String] = [],
        excludedLabels: [String] = [],
        difficultOnly: Bool = false,
        author: String? = nil
    ) {
        self.path = path
        self.kind = kind
        self.importAnnotations = importAnnotations
        self.includedLabels = includedLabels
        self.excludedLabels = excludedLabels
        self.difficultOnly = difficultOnly
        self.author = author
    }
}
