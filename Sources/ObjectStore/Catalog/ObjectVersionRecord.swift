import Foundation
import GRDB
import KeyManagement

struct ObjectVersionRecord: Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "objectVersion"

    enum Columns {
        static let id = Column("id")
        static let bucket = Column("bucket")
        static let key = Column("key")
        static let versionId = Column("versionId")
        static let isLatest = Column("isLatest")
        static let isDeleteMarker = Column("isDeleteMarker")
        static let size = Column("size")
        static let etag = Column("etag")
        static let lastModified = Column("lastModified")
        static let blobId = Column("blobId")
        static let partSizes = Column("partSizes")
        static let encryption = Column("encryption")
        static let owner = Column("owner")
        static let acl = Column("acl")
    }

    var id: Int64?
    var bucket: String
    var key: String
    var versionId: String
    var isLatest: Bool
    var isDeleteMarker: Bool
    var size: Int64
    var etag: String
    var lastModified: Date
    var blobId: String?
    var partSizes: [Int64]
    var attributes: ObjectAttributes
    var encryption: EncryptionEnvelope?
    /// nil: the bucket's owner.
    var owner: String?
    var acl: String?

    init(
        bucket: String,
        key: String,
        versionId: String,
        isDeleteMarker: Bool = false,
        size: Int64 = 0,
        etag: String = "",
        lastModified: Date,
        blobId: String? = nil,
        partSizes: [Int64] = [],
        attributes: ObjectAttributes = ObjectAttributes(),
        encryption: EncryptionEnvelope? = nil,
        owner: String? = nil,
        acl: String? = nil
    ) {
        self.bucket = bucket
        self.key = key
        self.versionId = versionId
        self.isLatest = true
        self.isDeleteMarker = isDeleteMarker
        self.size = size
        self.etag = etag
        self.lastModified = lastModified
        self.blobId = blobId
        self.partSizes = partSizes
        self.attributes = attributes
        self.encryption = encryption
        self.owner = owner
        self.acl = acl
    }

    init(row: Row) throws {
        id = row[Columns.id]
        bucket = row[Columns.bucket]
        key = row[Columns.key]
        versionId = row[Columns.versionId]
        isLatest = row[Columns.isLatest]
        isDeleteMarker = row[Columns.isDeleteMarker]
        size = row[Columns.size]
        etag = row[Columns.etag]
        lastModified = Date(timeIntervalSinceReferenceDate: row[Columns.lastModified])
        blobId = row[Columns.blobId]
        if let json: String = row[Columns.partSizes] {
            partSizes = try JSONDecoder().decode([Int64].self, from: Data(json.utf8))
        } else {
            partSizes = []
        }
        attributes = try ObjectAttributes(row: row)
        encryption = try (row[Columns.encryption] as String?).map { try EncryptionEnvelope(serialized: $0) }
        owner = row[Columns.owner]
        acl = row[Columns.acl]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.bucket] = bucket
        container[Columns.key] = key
        container[Columns.versionId] = versionId
        container[Columns.isLatest] = isLatest
        container[Columns.isDeleteMarker] = isDeleteMarker
        container[Columns.size] = size
        container[Columns.etag] = etag
        container[Columns.lastModified] = lastModified.timeIntervalSinceReferenceDate
        container[Columns.blobId] = blobId
        container[Columns.partSizes] = partSizes.isEmpty ? nil : String(decoding: try JSONEncoder().encode(partSizes), as: UTF8.self)
        try attributes.encode(to: &container)
        container[Columns.encryption] = encryption?.serialized
        container[Columns.owner] = owner
        container[Columns.acl] = acl
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var version: ObjectVersion {
        ObjectVersion(
            bucket: bucket,
            key: key,
            versionId: versionId,
            isLatest: isLatest,
            isDeleteMarker: isDeleteMarker,
            size: size,
            etag: etag,
            lastModified: lastModified,
            attributes: attributes,
            partSizes: partSizes,
            encryption: encryption,
            owner: owner,
            acl: acl,
            blobId: blobId,
            sequence: id ?? 0
        )
    }
}
