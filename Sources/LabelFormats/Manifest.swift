import Foundation

/// The ModelArts manifest: JSON Lines, one sample per line, for import and for published versions.
///
/// Each line is read on its own: a line that is not a JSON object, or has no `source`, is skipped with an issue
/// naming its line, and so is a line nested deeper than ``maxDepth``; a member of the wrong type is ignored with an issue.
/// Unknown members are kept in `extra`.
public enum Manifest {
    /// How deep a line's JSON may nest: an entry needs 4 levels (`annotation[i].property.@modelarts:color`). Checked before
    /// the recursive decoding, so that no line can exhaust the stack.
    public static let maxDepth = 32

    public static func parse(_ bytes: some DataProtocol) throws(FormatError) -> ParsedManifest {
        let text = try TextLines.decode(bytes)
        var entries: [ManifestEntry] = []
        var skipped: [ParseIssue] = []
        let decoder = JSONDecoder()
        for (index, line) in TextLines.split(text).enumerated() {
            let number = index + 1
            guard !TextLines.trim(line).isEmpty else { continue }
            guard !JSONValue.nestsDeeper(than: Self.maxDepth, line.utf8) else {
                skipped.append(.line(number, "JSON nested deeper than \(Self.maxDepth) levels; line skipped"))
                continue
            }
            guard let value = try? decoder.decode(JSONValue.self, from: Data(line.utf8)), case .object(let members) = value else {
                skipped.append(.line(number, "not a JSON object; line skipped"))
                continue
            }
            var reader = MemberReader(members: members, position: "line \(number)")
            guard let source = reader.string("source"), !source.isEmpty else {
                skipped.append(.line(number, "no \"source\"; line skipped"))
                continue
            }
            var entry = ManifestEntry(source: source)
            entry.usage = reader.string("usage")
            entry.id = reader.string("id")
            entry.hard = reader.bool("hard")
            entry.hardCoefficient = reader.double("hard-coefficient")
            entry.inferenceLoc = reader.string("inference-loc")
            entry.annotations = Self.annotations(&reader)
            entry.extra = reader.members
            entries.append(entry)
            skipped += reader.issues
        }
        return ParsedManifest(entries: entries, skipped: skipped)
    }

    private static func annotations(_ reader: inout MemberReader) -> [ManifestAnnotation] {
        guard let value = reader.take("annotation") else { return [] }
        guard case .array(let elements) = value else {
            reader.issues.append(ParseIssue(position: "\(reader.position), annotation", reason: "not a list; ignored"))
            return []
        }
        var annotations: [ManifestAnnotation] = []
        for (index, element) in elements.enumerated() {
            let position = "\(reader.position), annotation[\(index + 1)]"
            guard case .object(let members) = element else {
                reader.issues.append(ParseIssue(position: position, reason: "not an object; skipped"))
                continue
            }
            var member = MemberReader(members: members, position: position)
            guard let type = member.string("type"), !type.isEmpty else {
                reader.issues.append(ParseIssue(position: position, reason: "no \"type\"; skipped"))
                continue
            }
            var annotation = ManifestAnnotation(type: type)
            annotation.name = member.string("name")
            annotation.id = member.string("id")
            annotation.property = member.object("property") ?? [:]
            annotation.annotatedBy = member.string("annotated-by") ?? member.string("annotated_by")
            annotation.creationTime = member.string("creation-time") ?? member.string("creation_time")
            annotation.hard = member.bool("hard")
            annotation.hardCoefficient = member.double("hard-coefficient")
            annotation.confidence = member.double("confidence")
            annotation.annotationLoc = member.string("annotation-loc")
            annotation.annotationFormat = member.string("annotation-format")
            annotation.extra = member.members
            annotations.append(annotation)
            reader.issues += member.issues
        }
        return annotations
    }

    /// One compact JSON object per line, members in ModelArts's order, `hard` as the strings `"true"`/`"false"`.
    public static func write(_ entries: [ManifestEntry]) throws(FormatError) -> Data {
        var text = ""
        for (index, entry) in entries.enumerated() {
            guard !entry.source.isEmpty, entry.annotations.allSatisfy({ !$0.type.isEmpty }) else {
                let missing = entry.source.isEmpty ? "source" : "annotation type"
                throw FormatError(.notRepresentable, position: "entry[\(index + 1)]", reason: "the \(missing) is empty")
            }
            var members: [(key: String, value: JSONValue)] = [("source", .string(entry.source))]
            members.append(optional: "usage", entry.usage.map { .string($0) })
            members.append(optional: "id", entry.id.map { .string($0) })
            members.append(optional: "hard", entry.hard.map { .string($0 ? "true" : "false") })
            members.append(optional: "hard-coefficient", entry.hardCoefficient.map { .number($0) })
            if !entry.annotations.isEmpty {
                members.append(("annotation", .array(entry.annotations.map(Self.value))))
            }
            members.append(optional: "inference-loc", entry.inferenceLoc.map { .string($0) })
            members += entry.extra.filter { key, _ in !members.contains { $0.key == key } }.sorted { $0.key < $1.key }
            do {
                try JSONValue.writeObject(members, to: &text)
            } catch {
                throw FormatError(error.code, position: "entry[\(index + 1)]", reason: error.issue.reason)
            }
            text += "\n"
        }
        return Data(text.utf8)
    }

    private static func value(_ annotation: ManifestAnnotation) -> JSONValue {
        var members: [String: JSONValue] = annotation.extra
        members["type"] = .string(annotation.type)
        members["name"] = annotation.name.map { .string($0) }
        members["id"] = annotation.id.map { .string($0) }
        members["property"] = annotation.property.isEmpty ? nil : .object(annotation.property)
        members["annotated-by"] = annotation.annotatedBy.map { .string($0) }
        members["creation-time"] = annotation.creationTime.map { .string($0) }
        members["hard"] = annotation.hard.map { .string($0 ? "true" : "false") }
        members["hard-coefficient"] = annotation.hardCoefficient.map { .number($0) }
        members["confidence"] = annotation.confidence.map { .number($0) }
        members["annotation-loc"] = annotation.annotationLoc.map { .string($0) }
        members["annotation-format"] = annotation.annotationFormat.map { .string($0) }
        return .object(members)
    }
}

extension [(key: String, value: JSONValue)] {
    fileprivate mutating func append(optional key: String, _ value: JSONValue?) {
        if let value {
            self.append((key, value))
        }
    }
}

/// Takes the members of a JSON object one by one, noting those of the wrong type.
private struct MemberReader {
    var members: [String: JSONValue]
    let position: String
    var issues: [ParseIssue] = []

    init(members: [String: JSONValue], position: String) {
        self.members = members
        self.position = position
    }

    mutating func take(_ key: String) -> JSONValue? {
        guard let value = self.members.removeValue(forKey: key), value != .null else { return nil }
        return value
    }

    mutating func string(_ key: String) -> String? {
        switch self.take(key) {
        case nil: return nil
        case .string(let value): return value
        case .number(let value): return try? JSONValue.number(value)
        case let value?: return self.wrongType(key, value, expected: "a string")
        }
    }

    /// `true`/`false`, the strings `"true"`/`"false"` ModelArts writes, or 0/1.
    mutating func bool(_ key: String) -> Bool? {
        switch self.take(key) {
        case nil: return nil
        case .bool(let value): return value
        case .string(let text) where ["true", "1"].contains(text.lowercased()): return true
        case .string(let text) where ["false", "0"].contains(text.lowercased()): return false
        case .number(let number) where number == 0 || number == 1: return number == 1
        case let value?: return self.wrongType(key, value, expected: "true or false")
        }
    }

    mutating func double(_ key: String) -> Double? {
        switch self.take(key) {
        case nil: return nil
        case .number(let value): return value
        case .string(let text) where Double(text)?.isFinite == true: return Double(text)
        case let value?: return self.wrongType(key, value, expected: "a number")
        }
    }

    mutating func object(_ key: String) -> [String: JSONValue]? {
        switch self.take(key) {
        case nil: return nil
        case .object(let value): return value
        case let value?: return self.wrongType(key, value, expected: "an object")
        }
    }

    private mutating func wrongType<T>(_ key: String, _ value: JSONValue, expected: String) -> T? {
        let text = value.propertyString
        self.issues.append(ParseIssue(position: "\(self.position), \(key)", reason: "\(text.prefix(40)) is not \(expected); ignored"))
        return nil
    }
}
