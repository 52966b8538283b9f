import Foundation
import GRDB

struct BucketRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bucket"

    enum Columns {
        static let name = Column("name")
        static let creationDate = Column("creationDate")
        static let versioning = Column("versioning")
    }

    var name: String
    var creationDate: Date
    var versioning: VersioningStatus

    init(name: String, creationDate: Date, versioning: VersioningStatus) {
        self.name = name
        self.creationDate = creationDate
        self.versioning = versioning
    }

    init(row: Row) throws {
        name = row[Columns.name]
        creationDate = Date(timeIntervalSinceReferenceDate: row[Columns.creationDate])
        versioning = VersioningStatus(rawValue: row[Columns.versioning]) ?? .unversioned
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.name] = name
        container[Columns.creationDate] = creationDate.timeIntervalSinceReferenceDate
        container[Columns.versioning] = versioning.rawValue
    }

    var bucket: Bucket { Bucket(name: name, creationDate: creationDate, versioning: versioning) }
}
