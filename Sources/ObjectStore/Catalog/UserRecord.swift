import Foundation
import GRDB

struct UserRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "user"

    enum Columns {
        static let accessKey = Column("accessKey")
        static let secretKey = Column("secretKey")
        static let name = Column("name")
        static let createdAt = Column("createdAt")
    }

    var user: User

    init(_ user: User) {
        self.user = user
    }

    init(row: Row) throws {
        user = User(
            name: row[Columns.name],
            accessKey: row[Columns.accessKey],
            secretKey: row[Columns.secretKey],
            createdAt: Date(timeIntervalSinceReferenceDate: row[Columns.createdAt])
        )
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.accessKey] = user.accessKey
        container[Columns.secretKey] = user.secretKey
        container[Columns.name] = user.name
        container[Columns.createdAt] = user.createdAt.timeIntervalSinceReferenceDate
    }
}
