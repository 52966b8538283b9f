/// Labels by folder name ("ModelArts imageNet 1.0", "ModelArts audio classification dir 1.0"): `Cat/10.jpg` is a `Cat`.
public enum FolderLabels {
    /// The immediate parent folder of `key` below `prefix`, or nil when the file sits directly in `prefix` or outside it.
    ///
    /// With several folder levels the last one is the label, as ModelArts does (`a/Cat/10.jpg` → `Cat`).
    public static func label(forKey key: String, prefix: String) -> String? {
        let prefix = Self.folderPrefix(prefix)
        guard key.utf8.starts(with: prefix.utf8) else { return nil }
        let relative = key.utf8.dropFirst(prefix.utf8.count)
        guard let lastSlash = relative.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let folder = relative[..<lastSlash]
        let start = folder.lastIndex(of: UInt8(ascii: "/")).map { folder.index(after: $0) } ?? folder.startIndex
        let label = Substring(folder[start...])
        return label.isEmpty ? nil : String(label)
    }

    /// The annotation the folder of `key` gives, none when the file sits directly in `prefix`.
    public static func annotations(forKey key: String, prefix: String) -> [Annotation] {
        Self.label(forKey: key, prefix: prefix).map { [Annotation(name: $0)] } ?? []
    }

    /// Where a file named `fileName` labeled `label` goes: `prefix/label/fileName`.
    public static func key(fileName: String, label: String, prefix: String) throws(FormatError) -> String {
        try TextLines.checkWritable(label, what: "label name", position: fileName)
        guard !label.contains("/"), label != ".", label != ".." else {
            throw FormatError(.notRepresentable, position: fileName, reason: "label name '\(label)' cannot be a folder name")
        }
        guard !fileName.isEmpty, !fileName.contains("/") else {
            throw FormatError(.notRepresentable, position: fileName, reason: "'\(fileName)' is not a file name")
        }
        return Self.folderPrefix(prefix) + label + "/" + fileName
    }

    /// `prefix` with one trailing slash, or empty for the bucket root.
    static func folderPrefix(_ prefix: String) -> String {
        prefix.isEmpty || prefix.hasSuffix("/") ? prefix : prefix + "/"
    }
}
