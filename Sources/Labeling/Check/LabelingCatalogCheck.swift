/// What the offline check (`obslab fsck`) finds in a labeling catalog file: SQLite's integrity check, and rows that
/// refer to rows that are gone (samples of a dataset that no longer exists, job copies of deleted samples, …).
///
/// It reads the file as it is and changes nothing: such rows are unreachable, but which of them to keep is the user's
/// call, so the check names them and repairs none.
public struct LabelingCatalogCheck: Sendable {
    public var datasets = 0
    public var samples = 0
    /// Each problem in plain words.
    public var problems: [String] = []

    init() {}

    /// Checks the labeling catalog at `path` (`<data root>/.obslab/labeling.sqlite`).
    /// - Throws: when the file cannot be opened or read as a labeling catalog.
    public static func run(path: String) throws -> LabelingCatalogCheck {
        try LabelingCatalog.check(path: path)
    }
}
