import Foundation
import GRDB

struct LabelingJobRecord: CatalogRecord {
    static let databaseTableName = "labelingJob"

    enum Columns {
        static let datasetId = Column(CodingKeys.datasetId)
        static let name = Column(CodingKeys.name)
    }

    var id: String
    var datasetId: String
    var name: String
    var isDefault: Bool
    var createdAt: Date

    var job: LabelingJob { LabelingJob(id: id, datasetId: datasetId, name: name, isDefault: isDefault, createdAt: createdAt) }
}
