/// A JSON value of a policy document as written: the parser walks it to report S3's own errors, which a `Decodable`
/// model of the policy could not.
indirect enum PolicyJSON: Sendable, Decodable, Equatable {
    case string(String)
    /// A number, as text (`10`, `1.5`): condition values compare as strings or numbers.
    case number(String)
    case bool(Bool)
    case null
    case array([PolicyJSON])
    case object([String: PolicyJSON])

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [String: PolicyJSON] = [:]
            for key in container.allKeys { members[key.stringValue] = try container.decode(PolicyJSON.self, forKey: key) }
            self = .object(members)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [PolicyJSON] = []
            while !container.isAtEnd { elements.append(try container.decode(PolicyJSON.self)) }
            self = .array(elements)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    /// A string, number or boolean as the text a condition compares.
    var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): text
        case .bool(let value): value ? "true" : "false"
        default: nil
        }
    }

    /// One value or an array of values, as policy elements allow (`"s3:GetObject"` or `["s3:GetObject", …]`).
    var scalarList: [String]? {
        switch self {
        case .array(let elements):
            let texts = elements.compactMap(\.scalarText)
            return texts.count == elements.count ? texts : nil
        default:
            return scalarText.map { [$0] }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
