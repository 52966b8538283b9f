/// How many samples a dataset or job has, by state.
public struct SampleCounts: Sendable, Hashable {
    public var all: Int
    /// ModelArts `__ALL__`.
    public var labeled: Int
    /// ModelArts `__NONE__`.
    public var unlabeled: Int

    public init(all: Int, labeled: Int, unlabeled: Int) {
        self.all = all
        self.labeled = labeled
        self.unlabeled = unlabeled
    }

    public static let zero = SampleCounts(all: 0, labeled: 0, unlabeled: 0)
}
