/// A pattern of IAM's wildcard language: `*` matches any run of characters (none included), `?` exactly one.
///
/// Matching runs over Unicode scalars, greedily with one backtrack point, so it is linear in practice and never
/// recursive, whatever the pattern.
public struct WildcardPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let scalars: [Unicode.Scalar]
    private let caseInsensitive: Bool

    public init(_ text: String, caseInsensitive: Bool = false) {
        self.text = text
        self.caseInsensitive = caseInsensitive
        self.scalars = Array((caseInsensitive ? text.lowercased() : text).unicodeScalars)
    }

    public var description: String { text }

    /// Whether the pattern has a wildcard at all.
    public var hasWildcard: Bool { scalars.contains("*") || scalars.contains("?") }

    public func matches(_ candidate: String) -> Bool {
        let input = Array((caseInsensitive ? candidate.lowercased() : candidate).unicodeScalars)
        var (p, i) = (0, 0)
        var star: (pattern: Int, input: Int)? = nil
        while i < input.count {
            if p < scalars.count, scalars[p] == "?" || (scalars[p] != "*" && scalars[p] == input[i]) {
                p += 1
                i += 1
            } else if p < scalars.count, scalars[p] == "*" {
                star = (p, i)
                p += 1
            } else if let last = star {
                star = (last.pattern, last.input + 1)
                p = last.pattern + 1
                i = last.input + 1
            } else {
                return false
            }
        }
        while p < scalars.count, scalars[p] == "*" { p += 1 }
        return p == scalars.count
    }
}
