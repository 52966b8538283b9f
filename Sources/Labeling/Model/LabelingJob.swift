import Foundation

/// A labeling job of a dataset: its samples mirror the dataset's, and labels edited in the job stay in the job.
public struct LabelingJob: Sendable, Hashable {
    public var id: String
    public var datasetId: String
    public var name: String
    /// The job created with the dataset.
    public var isDefault: Bool
    public var createdAt: Date
}
