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
        guard !rawQuery.isEmpty else { return [] }
        return rawQuery.split(separator: "&", omittingEmptySubsequences: true).map { part in
            if let equals = part.firstIndex(of: "=") {
                return QueryItem(
                    name: PercentEncoding.decode(part[..<equals], plusAsSpace: true),
                    value: PercentEncoding.decode(part[part.index(after: equals)...], plusAsSpace: true)
                )
            }
            return QueryItem(name: PercentEncoding.decode(part, plusAsSpace: true), value: "")
        }
    }
}

extension [QueryItem] {
    /// The value of the first item with this name.
    public func value(_ name: String) -> String? {
        self.first { $0.name == name }?.value
    }
}
