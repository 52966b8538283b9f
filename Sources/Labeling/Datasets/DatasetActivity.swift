import Foundation

/// What a dataset's details report beside its settings and sample counts ("Querying Details About a Dataset"): its
/// versions, the samples users deleted, its labeling jobs and when its data last changed.
public struct DatasetActivity: Sendable, Hashable {
    /// The version a user made current, else the newest; nil before the first version.
    public var currentVersionId: String?
    public var currentVersionName: String?
    public var versionCount: Int
    /// The number the next `Vnnn` version name takes.
    public var nextVersionNumber: Int
    /// Samples deleted through the API (they stay deleted through syncs).
    public var deletedSampleCount: Int
    /// Labeling jobs other than the default one (ModelArts's team labeling tasks).
    public var jobCount: Int
    /// The last change of a sample or of its labels (in the dataset or one of its jobs), or of the samples deleted;
    /// the dataset's creation before any.
    public var dataUpdatedAt: Date
}
