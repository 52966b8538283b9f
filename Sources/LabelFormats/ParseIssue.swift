/// Where in a file something was skipped or went wrong, and why.
public struct ParseIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `line 3`, or an element path such as `annotation/object[2]/bndbox` (indices start at 1).
    public var position: String
    public var reason: String

    public init(position: String, reason: String) {
        self.position = position
        self.reason = reason
    }

    /// An issue on a 1-based line of a text file.
    public static func line(_ number: Int, _ reason: String) -> ParseIssue {
        ParseIssue(position: "line \(number)", reason: reason)
    }

    public var description: String { "\(self.position): \(self.reason)" }
}
