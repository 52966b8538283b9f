import Foundation
import GRDB

/// A folder of the data root that became a bucket once: it is never adopted again, even after the bucket is deleted.
struct AdoptedFolderRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "adoptedFolder"

    enum Columns {
        static let name = Column("name")
        static let adoptedAt = Column("adoptedAt")
    }

    var name: String
    var adoptedAt: Date

    init(name: String, adoptedAt: Date) {
        self.name = name
        self.adoptedAt = adoptedAt
    }

    init(row: Row) throws {
        name = row[Columns.name]
        adoptedAt = Date(timeIntervalSinceReferenceDate: row[Columns.adoptedAt])
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.name] = name
        container[Columns.adoptedAt] = adoptedAt.timeIntervalSinceReferenceDate
    }
}
