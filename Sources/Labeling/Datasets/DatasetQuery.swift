import LabelFormats

/// Which datasets a listing returns, and in which order ("Querying the Dataset List").
public struct DatasetQuery: Sendable, Hashable {
    public enum SortKey: Sendable, Hashable {
        case createTime
        case name
    }

    /// Only datasets of this kind.
    public var kind: DatasetKind?
    /// Only datasets whose name contains this, ignoring case (ModelArts's fuzzy `search_content`).
    public var nameContains: String?
    public var sortKey: SortKey
    public var ascending: Bool

    /// Every dataset, newest first.
    public init(kind: DatasetKind? = nil, nameContains: String? = nil, sortKey: SortKey = .createTime, ascending: Bool = false) {
        self.kind = kind
        self.nameContains = nameContains
        self.sortKey = sortKey
        self.ascending = ascending
    }
}
