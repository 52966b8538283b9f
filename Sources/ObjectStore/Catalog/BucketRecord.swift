import Foundation
import GRDB

struct BucketRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bucket"

    enum Columns {
        static let name = Column("name")
        static let creationDate = Column("creationDate")
        static let versioning = Column("versioning")
        static let defaultEncryption = Column("defaultEncryption")
        static let owner = Column("owner")
        static let acl = Column("acl")
        static let policy = Column("policy")
        static let objectLock = Column("objectLock")
        static let fileInterface = Column("fileInterface")
    }

    var name: String
    var creationDate: Date
    var versioning: VersioningStatus
    var defaultEncryption: BucketEncryption?
    var owner: String
    var acl: String?
    var policy: String?
    /// nil: Object Lock is not enabled.
    var objectLock: BucketObjectLock?
    var isFileSystem: Bool

    init(
        name: String,
        creationDate: Date,
        versioning: VersioningStatus,
        owner: String,
        defaultEncryption: BucketEncryption? = nil,
        acl: String? = nil,
        policy: String? = nil,
        objectLock: BucketObjectLock? = nil,
        isFileSystem: Bool = false
    ) {
        self.name = name
        self.creationDate = creationDate
        self.versioning = versioning
        self.owner = owner
        self.defaultEncryption = defaultEncryption
        self.acl = acl
        self.policy = policy
        self.objectLock = objectLock
        self.isFileSystem = isFileSystem
    }

    init(row: Row) throws {
        name = row[Columns.name]
        creationDate = Date(timeIntervalSinceReferenceDate: row[Columns.creationDate])
        versioning = VersioningStatus(rawValue: row[Columns.versioning]) ?? .unversioned
        defaultEncryption = try (row[Columns.defaultEncryption] as String?).map {
            try JSONDecoder().decode(BucketEncryption.self, from: Data($0.utf8))
        }
        // Set for every bucket when the store opens (`assignOwnerlessBuckets`).
        owner = row[Columns.owner] ?? ""
        acl = row[Columns.acl]
        policy = row[Columns.policy]
        objectLock = try (row[Columns.objectLock] as String?).map {
            try JSONDecoder().decode(BucketObjectLock.self, from: Data($0.utf8))
        }
        isFileSystem = row[Columns.fileInterface] ?? false
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.name] = name
        container[Columns.creationDate] = creationDate.timeIntervalSinceReferenceDate
        container[Columns.versioning] = versioning.rawValue
        container[Columns.defaultEncryption] = try defaultEncryption.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        container[Columns.owner] = owner
        container[Columns.acl] = acl
        container[Columns.policy] = policy
        container[Columns.objectLock] = try objectLock.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        container[Columns.fileInterface] = isFileSystem
    }

    var bucket: Bucket {
        Bucket(
            name: name,
            creationDate: creationDate,
            versioning: versioning,
            defaultEncryption: defaultEncryption,
            owner: owner,
            acl: acl,
            policy: policy,
            objectLock: objectLock,
            isFileSystem: isFileSystem
        )
    }
}
