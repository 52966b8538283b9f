/// ModelArts's `delete_policy` of a label deletion.
public enum LabelDeletionPolicy: Int, Sendable, Hashable, CaseIterable {
    /// The label goes from the label set and from every sample; the samples stay.
    case labelOnly = 0
    /// Also the samples left with no label, through a sample deletion (their files stay).
    case samples = 1
    /// As `samples`, with the samples' source files.
    case samplesAndSourceFiles = 2
}

/// What a label deletion did (or, planned, would do): one result per label, the samples it deleted, and for
/// policies 1 and 2 the impact of that sample deletion.
public struct LabelDeletionReport: Sendable, Hashable {
    public var results: [LabelDeletionResult]
    /// The samples that only carried labels being deleted; for a plan, those that would be deleted.
    public var sampleIds: [String]
    /// nil for policy 0, or when no sample is left with no label.
    public var impact: DeletionImpact?

    public var succeeded: Bool { results.allSatisfy { $0.error == nil } }
}

/// Whether one label was deleted. A label some of whose samples could not be deleted (their source file refused) is
/// kept, on those samples and in the label set, so that the deletion can be tried again.
public struct LabelDeletionResult: Sendable, Hashable {
    public var name: String
    public var error: LabelingError?
}
