import Foundation

/// A JSON value, kept as read so that a manifest written back holds what it held (numbers stay numbers).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Whether JSON text opens more than `limit` arrays and objects inside one another, found by a scan that skips strings
    /// and recurses nowhere. Malformed text is not judged here: the decoder refuses it.
    static func nestsDeeper(than limit: Int, _ text: some Sequence<UInt8>) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in text {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return true }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return false
    }

    /// The value as a label property: strings as they are, numbers and booleans as JSON writes them, the rest as JSON.
    public var propertyString: String {
        switch self {
        case .string(let value): value
        default: (try? self.jsonText()) ?? ""
        }
    }

    /// Compact JSON; object keys sorted. Throws for numbers JSON cannot hold (infinity, NaN).
    func jsonText() throws(FormatError) -> String {
        var text = ""
        try self.write(to: &text)
        return text
    }

    func write(to text: inout String) throws(FormatError) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .number(let value): text += try Self.number(value)
        case .string(let value): Self.writeString(value, to: &text)
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                try value.write(to: &text)
            }
            text += "]"
        case .object(let members):
            try Self.writeObject(members.sorted { $0.key < $1.key }, to: &text)
        }
    }

    static func writeObject(_ members: [(key: String, value: JSONValue)], to text: inout String) throws(FormatError) {
        text += "{"
        for (index, member) in members.enumerated() {
            if index > 0 { text += "," }
            Self.writeString(member.key, to: &text)
            text += ":"
            try member.value.write(to: &text)
        }
        text += "}"
    }

    static func number(_ value: Double) throws(FormatError) -> String {
        guard value.isFinite else {
            throw FormatError(.notRepresentable, position: "number", reason: "\(value) is not a JSON number")
        }
        if value.rounded() == value, abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    static func writeString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
