/// What a task (an import, auto grouping) left out, and why: a file it could not read or decode, a manifest line it
/// could not use.
public struct SkippedItem: Sendable, Hashable, Codable {
    /// `obs://bucket/key`, the name of a file sent, or `line N` of a manifest.
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }
}
