import Foundation
import GRDB

/// A labeling team.
struct WorkforceRecord: CatalogRecord {
    static let databaseTableName = "workforce"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    var id: String
    var name: String
    var description: String
    var createdAt: Date
    var updatedAt: Date

    func workforce(workerCount: Int) -> Workforce {
        Workforce(id: id, name: name, description: description, workerCount: workerCount, createdAt: createdAt, updatedAt: updatedAt)
    }
}
