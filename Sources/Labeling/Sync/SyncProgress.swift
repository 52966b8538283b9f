/// How far a running sync is.
public struct SyncProgress: Sendable, Hashable {
    /// Objects listed so far.
    public var listed: Int
    /// Raw files whose samples are up to date.
    public var processed: Int
    /// The number of raw files to process, known once the listing is complete.
    public var total: Int?

    public init(listed: Int, processed: Int, total: Int?) {
        self.listed = listed
        self.processed = processed
        self.total = total
    }
}
