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
        static let partChecksums = Column("partChecksums")
        static let encryption = Column("encryption")
        static let owner = Column("owner")
        static let acl = Column("acl")
        static let appendable = Column("appendable")
        static let restoreReadyAt = Column("restoreReadyAt")
        static let restoreExpiresAt = Column("restoreExpiresAt")
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
    var partChecksums: [[String: String]]
    var attributes: ObjectAttributes
    var encryption: EncryptionEnvelope?
    /// nil: the bucket's owner.
    var owner: String?
    var acl: String?
    /// Written by OBS's append upload, which only such objects take.
    var isAppendable: Bool
    var restore: ObjectRestore?

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
        partChecksums: [[String: String]] = [],
        attributes: ObjectAttributes = ObjectAttributes(),
        encryption: EncryptionEnvelope? = nil,
        owner: String? = nil,
        acl: String? = nil,
        isAppendable: Bool = false,
        restore: ObjectRestore? = nil
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
        // Parts without checksums are stored as no list at all: keep the value the catalog will read back.
        self.partChecksums = partChecksums.contains { !$0.isEmpty } ? partChecksums : []
        self.attributes = attributes
        self.encryption = encryption
        self.owner = owner
        self.acl = acl
        self.isAppendable = isAppendable
        self.restore = restore
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
        if let json: String = row[Columns.partChecksums] {
            partChecksums = try JSONDecoder().decode([[String: String]].self, from: Data(json.utf8))
        } else {
            partChecksums = []
        }
        attributes = try ObjectAttributes(row: row)
        encryption = try (row[Columns.encryption] as String?).map { try EncryptionEnvelope(serialized: $0) }
        owner = row[Columns.owner]
        acl = row[Columns.acl]
        isAppendable = row[Columns.appendable] ?? false
        if let ready: Double = row[Columns.restoreReadyAt], let expires: Double = row[Columns.restoreExpiresAt] {
            restore = ObjectRestore(
                readyAt: Date(timeIntervalSinceReferenceDate: ready),
                expiresAt: Date(timeIntervalSinceReferenceDate: expires)
            )
        } else {
            restore = nil
        }
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
        container[Columns.partChecksums] = try Self.encodePartChecksums(partChecksums)
        try attributes.encode(to: &container)
        container[Columns.encryption] = encryption?.serialized
        container[Columns.owner] = owner
        container[Columns.acl] = acl
        container[Columns.appendable] = isAppendable
        container[Columns.restoreReadyAt] = restore?.readyAt.timeIntervalSinceReferenceDate
        container[Columns.restoreExpiresAt] = restore?.expiresAt.timeIntervalSinceReferenceDate
    }

    private static func encodePartChecksums(_ checksums: [[String: String]]) throws -> String? {
        guard checksums.contains(where: { !$0.isEmpty }) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(checksums), as: UTF8.self)
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
            partChecksums: partChecksums,
            encryption: encryption,
            owner: owner,
            acl: acl,
            isAppendable: isAppendable,
            restore: restore,
            blobId: blobId,
            sequence: id ?? 0
        )
    }
}
