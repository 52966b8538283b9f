import Foundation
import LabelFormats
import Labeling
import ObslabAPI

/// Reading `search_conditions` into the domain's filter conditions.
extension ModelArtsAPI {
    /// The ModelArts `SearchCondition` members obslab has no data for.
    static let unsupportedSearchMembers: [String: String] = [
        "coefficient": "obslab has no difficulty coefficients",
        "score": "obslab has no confidence scores",
        "kvp": "obslab has no DICOM data",
        "slice_thickness": "obslab has no DICOM data",
        "study_date": "obslab has no DICOM data",
        "frame_in_video": "obslab has no video data",
        "time_in_video": "obslab has no video data",
        "parent_sample_id": "obslab has no sub-samples",
    ]

    /// The filter conditions of a `search_conditions` parameter: a JSON list of `SearchCondition` objects (or one
    /// object). A 400 names the member at fault, such as `search_conditions[0].label_list.op`.
    static func sampleConditions(searchConditions text: String) throws -> [SampleFilter.Condition] {
        let field = "search_conditions"
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw ModelArtsError.invalidParameter(field, "must be URL-encoded JSON such as [{\"label_list\":{\"labels\":[{\"name\":\"cat\"}]}}]")
        }
        let elements: [(String, JSONValue)]
        switch value {
        case .array(let items): elements = items.enumerated().map { ("\(field)[\($0.offset)]", $0.element) }
        case .object: elements = [(field, value)]
        default: throw ModelArtsError.invalidParameter(field, "must be a JSON list of search conditions")
        }
        return try elements.flatMap { try conditions(of: $0.1, field: $0.0) }
    }

    private static func conditions(of value: JSONValue, field: String) throws -> [SampleFilter.Condition] {
        guard case .object(let members) = value else { throw ModelArtsError.invalidParameter(field, "must be a JSON object") }
        var conditions: [SampleFilter.Condition] = []
        for (key, member) in members.sorted(by: { $0.key < $1.key }) where member != .null {
            let path = "\(field).\(key)"
            switch key {
            case "label_list":
                conditions.append(.labels(try labelMatch(member, field: path)))
            case "sample_name":
                let text = try string(member, field: path)
                if !text.isEmpty { conditions.append(.keyContains(text)) }
            case "sample_dir":
                conditions.append(try folder(try string(member, field: path), field: path))
            case "labeler":
                conditions.append(.labeledBy(try string(member, field: path)))
            case "hard":
                conditions.append(.hard(try hard(member, field: path)))
            case "import_origin":
                if let inference = try importOrigin(member, field: path) { conditions.append(.inference(inference)) }
            case "metadata":
                if let match = try attributeMatch(member, field: path) { conditions.append(.attributes(match)) }
            case "sample_time":
                let (start, end) = try sampleTime(try string(member, field: path), field: path, now: Date())
                conditions.append(.createdIn(start: start, end: end))
            default:
                if let reason = unsupportedSearchMembers[key] { throw ModelArtsError.invalidParameter(path, "is not supported: \(reason)") }
                throw ModelArtsError.invalidParameter(
                    path,
                    "is not a search condition (label_list, sample_name, sample_dir, labeler, hard, metadata, import_origin, sample_time)"
                )
            }
        }
        return conditions
    }

    private static func labelMatch(_ value: JSONValue, field: String) throws -> SampleFilter.LabelMatch {
        guard case .object(let members) = value else { throw ModelArtsError.invalidParameter(field, "must be a JSON object") }
        var names: [String] = []
        if let labels = members["labels"], labels != .null {
            guard case .array(let elements) = labels else { throw ModelArtsError.invalidParameter("\(field).labels", "must be a list") }
            for (index, element) in elements.enumerated() {
                let path = "\(field).labels[\(index)]"
                guard case .object(let label) = element, let name = label["name"]?.stringValue, !name.isEmpty else {
                    throw ModelArtsError.invalidParameter("\(path).name", "is missing")
                }
                if let property = label["property"], property != .null, property != .object([:]) {
                    throw ModelArtsError.invalidParameter("\(path).property", "is not supported: obslab filters by label name only")
                }
                names.append(name)
            }
        }
        let op = members["op"].flatMap(\.stringValue)?.uppercased()
        switch op {
        case nil, "OR": return .anyOf(names)
        case "AND": return .allOf(names)
        case "NONE": return .noneOf(names)
        case let other?: throw ModelArtsError.invalidParameter("\(field).op", "must be OR, AND or NONE, not \(other)")
        }
    }

    private static func folder(_ text: String, field: String) throws -> SampleFilter.Condition {
        guard let scheme = ["obs://", "s3://", "/"].first(where: text.hasPrefix), text.hasSuffix("/") else {
            throw ModelArtsError.invalidParameter(field, "must be a folder such as obs://bucket/folder/ (ending with /), not \(text)")
        }
        let rest = text.dropFirst(scheme.count)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { throw ModelArtsError.invalidParameter(field, "names no bucket: \(text)") }
        return .folder(bucket: String(bucket), prefix: String(rest.dropFirst(bucket.count + 1)))
    }

    private static func hard(_ value: JSONValue, field: String) throws -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .number(let number) where number == 0 || number == 1: return number == 1
        case .string(let text) where ["1", "true"].contains(text.lowercased()): return true
        case .string(let text) where ["0", "false"].contains(text.lowercased()): return false
        default: throw ModelArtsError.invalidParameter(field, "must be 1 (hard examples) or 0 (the others), not \(value.propertyString)")
        }
    }

    private static func string(_ value: JSONValue, field: String) throws -> String {
        guard let text = value.stringValue else { throw ModelArtsError.invalidParameter(field, "must be a string") }
        return text
    }
}
