/// Where a labeled sample's labels came from.
public enum LabelSource: Sendable, Hashable, Codable {
    /// A label file next to the raw file (for a text file in the one-file form, the text file itself), at this ETag.
    case sidecar(key: String, etag: String)
    /// The name of the folder holding the raw file.
    case folder(name: String)
    /// A manifest line.
    case manifest(key: String)
}
