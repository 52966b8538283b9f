import Foundation

/// The `10.txt` next to `10.jpg`: one label name per line ("ModelArts image classification 1.0").
public enum ImageClassificationSidecar {
    /// Blank lines and surrounding white space are ignored; a repeated label is skipped with an issue.
    public static func parse(_ bytes: some DataProtocol) throws(FormatError) -> ParsedLabels {
        let text = try TextLines.decode(bytes)
        var annotations: [Annotation] = []
        var skipped: [ParseIssue] = []
        var seen: [String: Int] = [:]
        for (index, rawLine) in TextLines.split(text).enumerated() {
            let name = TextLines.trim(rawLine)
            guard !name.isEmpty else { continue }
            if let first = seen[name] {
                skipped.append(.line(index + 1, "duplicate label '\(name)' (first on line \(first))"))
                continue
            }
            seen[name] = index + 1
            annotations.append(Annotation(name: name))
        }
        return ParsedLabels(annotations: annotations, skipped: skipped)
    }

    /// One name per line, each line ending with a line feed; only the names are kept.
    public static func write(_ annotations: [Annotation]) throws(FormatError) -> Data {
        var text = ""
        var seen: Set<String> = []
        for (index, annotation) in annotations.enumerated() {
            try TextLines.checkWritable(annotation.name, what: "label name", position: "annotation[\(index + 1)]")
            guard seen.insert(annotation.name).inserted else { continue }
            text += annotation.name + "\n"
        }
        return Data(text.utf8)
    }
}
