/// Which samples a list shows: the All / Labeled / Unlabeled tabs.
public enum SampleStateFilter: String, Sendable, Hashable, CaseIterable {
    case all
    /// ModelArts `sample_state=__ALL__`.
    case labeled
    /// ModelArts `sample_state=__NONE__`.
    case unlabeled
}
