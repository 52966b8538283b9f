import Foundation
import GRDB

struct LabelingJobRecord: CatalogRecord {
    static let databaseTableName = "labelingJob"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let name = Column(CodingKeys.name)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var datasetId: String
    var name: String
    var isDefault: Bool
    var createdAt: Date

    var job: LabelingJob { LabelingJob(id: id, datasetId: datasetId, name: name, isDefault: isDefault, createdAt: createdAt) }
}
