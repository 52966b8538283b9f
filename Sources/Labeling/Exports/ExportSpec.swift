/// An export of a dataset's samples and labels to an OBS folder (ModelArts `POST …/export-tasks`, "export to OBS").
public struct ExportSpec: Sendable, Hashable, Codable {
    /// What is written into the folder.
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        /// A ModelArts manifest, `<dataset name>.manifest`, that names each sample's object in place; for object
        /// detection, with one PASCAL VOC file a labeled image under `annotation/`, which the manifest points to (the
        /// layout of a published version).
        case manifest
        /// One PASCAL VOC file a labeled image, at the image's path under the input path with `.xml` for its
        /// extension: object detection only. The selected samples without labels are left out (nothing to write).
        case pascalVOC = "pascal_voc"
    }

    /// Which samples are exported (ModelArts `export_type` 0, 1, 2).
    public enum Selection: String, Sendable, Hashable, Codable, CaseIterable {
        case labeled
        case unlabeled
        case all
    }

    /// `obs://bucket/folder/` (`s3://` and `/bucket/…` too).
    public var path: String
    public var format: Format
    public var selection: Selection
    /// Whether the manifest leaves out the samples' hard-example flags (ModelArts's `clear_hard_property`, true by
    /// default).
    public var clearsHardExamples: Bool
    /// How the manifest writes the OBS locations it names: `obs://` or `s3://` (ModelArts's `source_type_header`).
    public var sourceScheme: String

    /// The schemes a manifest's locations may start with.
    public static let sourceSchemes = ["obs://", "s3://"]

    public init(
        path: String,
        format: Format = .manifest,
        selection: Selection = .all,
        clearsHardExamples: Bool = true,
        sourceScheme: String = "obs://"
    ) {
        self.path = path
        self.format = format
        self.selection = selection
        self.clearsHardExamples = clearsHardExamples
        self.sourceScheme = sourceScheme
    }
}
