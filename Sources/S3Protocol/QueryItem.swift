/// One `name=value` pair of a query string.
public struct QueryItem: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Splits a raw query on `&` and percent-decodes names and values; `+` means a space, as in forms.
    public static func parse(_ rawQuery: String) -> [QueryItem] {
        rawPairs(rawQuery).map { pair in
            QueryItem(name: PercentEncoding.decode(pair.name, plusAsSpace: true), value: PercentEncoding.decode(pair.value, plusAsSpace: true))
        }
    }

    /// The `name=value` pairs of a raw query, split on `&` and on each pair's first `=`, not decoded; empty pairs are
    /// skipped and a pair without `=` has an empty value. Split as bytes (the separators are ASCII): splitting a
    /// String on a Character walks grapheme clusters, which cost every request a measurable share of its time.
    public static func rawPairs(_ rawQuery: String) -> [(name: Substring, value: Substring)] {
        let bytes = rawQuery.utf8
        var pairs: [(name: Substring, value: Substring)] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            if start < end {
                if let equals = bytes[start..<end].firstIndex(of: UInt8(ascii: "=")) {
                    pairs.append((rawQuery[start..<equals], rawQuery[bytes.index(after: equals)..<end]))
                } else {
                    pairs.append((rawQuery[start..<end], ""))
                }
            }
            start = end == bytes.endIndex ? end : bytes.index(after: end)
        }
        return pairs
    }
}

extension [QueryItem] {
    /// The value of the first item with this name.
    public func value(_ name: String) -> String? {
        self.first { $0.name == name }?.value
    }
}
