import Foundation
import GRDB

struct DatasetRecord: CatalogRecord {
    static let databaseTableName = "dataset"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var name: String
    /// A `DatasetKind` raw value.
    var kind: String
    var inputBucket: String
    var inputPrefix: String
    var outputPath: String
    var description: String
    var defaultJobId: String
    var createdAt: Date
    var updatedAt: Date
}
