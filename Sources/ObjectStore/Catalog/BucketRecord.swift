import Foundation
import GRDB

struct BucketRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bucket"

    enum Columns {
        static let name = Column("name")
        static let creationDate = Column("creationDate")
        static let versioning = Column("versioning")
        static let defaultEncryption = Column("defaultEncryption")
    }

    var name: String
    var creationDate: Date
    var versioning: VersioningStatus
    var defaultEncryption: BucketEncryption?

    init(name: String, creationDate: Date, versioning: VersioningStatus, defaultEncryption: BucketEncryption? = nil) {
        self.name = name
        self.creationDate = creationDate
        self.versioning = versioning
        self.defaultEncryption = defaultEncryption
    }

    init(row: Row) throws {
        name = row[Columns.name]
        creationDate = Date(timeIntervalSinceReferenceDate: row[Columns.creationDate])
        versioning = VersioningStatus(rawValue: row[Columns.versioning]) ?? .unversioned
        defaultEncryption = try (row[Columns.defaultEncryption] as String?).map {
            try JSONDecoder().decode(BucketEncryption.self, from: Data($0.utf8))
        }
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.name] = name
        container[Columns.creationDate] = creationDate.timeIntervalSinceReferenceDate
        container[Columns.versioning] = versioning.rawValue
        container[Columns.defaultEncryption] = try defaultEncryption.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    }

    var bucket: Bucket { Bucket(name: name, creationDate: creationDate, versioning: versioning, defaultEncryption: defaultEncryption) }
}
