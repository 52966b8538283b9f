import Foundation

/// A labeling job of a dataset: its samples mirror the dataset's, and labels edited in the job stay in the job.
public struct LabelingJob: Sendable, Hashable {
    public var id: String
    public var datasetId: String
    public var name: String
    /// The job created with the dataset.
    public var isDefault: Bool
    public var createdAt: Date
    public var description: String
    /// The last change of the job's name or description.
    public var updatedAt: Date

    init(id: String, datasetId: String, name: String, isDefault: Bool, createdAt: Date, description: String = "", updatedAt: Date? = nil) {
        self.id = id
        self.datasetId = datasetId
        self.name = name
        self.isDefault = isDefault
        self.createdAt = createdAt
        self.description = description
        self.updatedAt = updatedAt ?? createdAt
    }
}
