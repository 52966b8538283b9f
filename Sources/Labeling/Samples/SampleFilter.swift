import Foundation

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
        /// The sample attributes auto grouping wrote ("Sample Attribute").
        case attributes(AttributeMatch)
        /// From inference (true: a manifest entry gave its `inference-loc`) or not ("Data Attribute").
        case inference(Bool)
        /// The object was last modified (as the sync or import saw it; for older samples, when the sample was made) in
        /// `[start, end)` ("Sample Creation Time").
        case createdIn(start: Date, end: Date)
    }

    /// Sample attributes to match: each named attribute has one of its listed values (any value when the list is
    /// empty); with `all`, every attribute named must match, otherwise one is enough.
    public struct AttributeMatch: Sendable, Hashable {
        public var values: [String: [String]]
        public var all: Bool

        public init(values: [String: [String]], all: Bool) {
            self.values = values
            self.all = all
        }
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
