/// A label of a dataset's label set (ModelArts `Label`: name, type, `property` with `@modelarts:color`).
public struct Label: Sendable, Hashable, Codable {
    public var name: String
    /// The ModelArts label type code, see ``DatasetKind/labelType``.
    public var type: Int
    /// `#RRGGBB`, or nil when the label has no color.
    public var color: String?
    /// Other label properties (`@modelarts:shortcut`, `@modelarts:default_shape`, ...); the color lives in ``color``.
    public var properties: [String: String]

    public init(name: String, type: Int, color: String? = nil, properties: [String: String] = [:]) {
        self.name = name
        self.type = type
        self.color = color
        self.properties = properties
    }

    /// Whether `color` has the `#RRGGBB` form ModelArts uses.
    public static func isValidColor(_ color: String) -> Bool {
        let utf8 = Array(color.utf8)
        guard utf8.count == 7, utf8[0] == UInt8(ascii: "#") else { return false }
        return utf8.dropFirst().allSatisfy { $0.isHexDigit }
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
