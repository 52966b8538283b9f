/// Which samples a list shows: a tab (all, labeled, unlabeled) and the filter criteria of the console, all of which a
/// sample must meet ("Filtering Data": label, file name or path, labeled by, example type).
///
/// The catalog applies the filter in SQL, so counts and pages come from the same query.
public struct SampleFilter: Sendable, Hashable {
    public var state: SampleStateFilter
    /// Every condition must hold.
    public var conditions: [Condition]

    public init(state: SampleStateFilter = .all, conditions: [Condition] = []) {
        self.state = state
        self.conditions = conditions
    }

    public enum Condition: Sendable, Hashable {
        /// The sample's labels, as the list reads them (a job's own labels where it has some).
        case labels(LabelMatch)
        /// The object key contains this text, ignoring the case of ASCII letters ("File Name or Path").
        case keyContains(String)
        /// The object is directly in this folder of this bucket (`prefix` empty or ending with `/`); sub-folders are not
        /// searched, as ModelArts's `sample_dir`.
        case folder(bucket: String, prefix: String)
        /// The last label change was made by this author ("Labeled By").
        case labeledBy(String)
        /// A hard example (true) or not (false): a sample never marked hard is not one.
        case hard(Bool)
    }

    public enum LabelMatch: Sendable, Hashable {
        /// At least one of these labels; with no names, any label at all (the console's "All").
        case anyOf([String])
        /// Every one of these labels.
        case allOf([String])
        /// None of these labels; with no names, no label at all.
        case noneOf([String])
    }
}
