/// Which samples of a team task a list shows: a ModelArts sample state.
public enum TeamSampleFilter: Sendable, Hashable {
    case all
    /// `__ALL__`: labeled, whatever the review.
    case labeled
    case state(TeamSampleState)
    /// `__REVIEWED__`: a reviewer accepted the labels.
    case reviewed
    /// `__WORKFORCE_SAMPLED__` and its sub-states: sampled by the acceptance under way, and checked or not, accepted or
    /// rejected.
    case sampled(checked: Bool?, accepted: Bool?)
}
