import Foundation
import GRDB

struct LabelingJobRecord: CatalogRecord {
    static let databaseTableName = "labelingJob"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let name = Column(CodingKeys.name)
        static let isDefault = Column(CodingKeys.isDefault)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var datasetId: String
    var name: String
    var isDefault: Bool
    var createdAt: Date
    var description: String
    /// Nil until the job is first changed.
    var updatedAt: Date?

    init(_ job: LabelingJob) {
        id = job.id
        datasetId = job.datasetId
        name = job.name
        isDefault = job.isDefault
        createdAt = job.createdAt
        description = job.description
        updatedAt = job.updatedAt == job.createdAt ? nil : job.updatedAt
    }

    var job: LabelingJob {
        LabelingJob(
            id: id, datasetId: datasetId, name: name, isDefault: isDefault, createdAt: createdAt, description: description,
            updatedAt: updatedAt ?? createdAt
        )
    }
}
