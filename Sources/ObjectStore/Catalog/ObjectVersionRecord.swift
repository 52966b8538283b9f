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
        try self.init(row: row, layout: Layout(ColumnPositions(row)))
    }

    /// Decodes by the column positions of `layout`, found once for all the rows of a statement (`fetchListing`).
    init(row: Row, layout: Layout) throws {
        id = row[layout.id]
        bucket = row[layout.bucket]
        key = row[layout.key]
        versionId = row[layout.versionId]
        isLatest = row[layout.isLatest]
        isDeleteMarker = row[layout.isDeleteMarker]
        size = row[layout.size]
        etag = row[layout.etag]
        lastModified = Date(timeIntervalSinceReferenceDate: row[layout.lastModified])
        blobId = row[layout.blobId]
        if let json: String = row[layout.partSizes] {
            partSizes = try JSONDecoder().decode([Int64].self, from: Data(json.utf8))
        } else {
            partSizes = []
        }
        if let json: String = row[layout.partChecksums] {
            partChecksums = try JSONDecoder().decode([[String: String]].self, from: Data(json.utf8))
        } else {
            partChecksums = []
        }
        attributes = try ObjectAttributes(row: row, layout: layout.attributes)
        encryption = try (row[layout.encryption] as String?).map { try EncryptionEnvelope(serialized: $0) }
        owner = row[layout.owner]
        acl = row[layout.acl]
        isAppendable = row[layout.appendable] ?? false
        if let ready: Double = row[layout.restoreReadyAt], let expires: Double = row[layout.restoreExpiresAt] {
            restore = ObjectRestore(
                readyAt: Date(timeIntervalSinceReferenceDate: ready),
                expiresAt: Date(timeIntervalSinceReferenceDate: expires)
            )
        } else {
            restore = nil
        }
    }

    /// Where the record's columns are in the rows of one statement. GRDB finds a column by name at each read,
    /// lowercasing and hashing the name: for the thousand rows of a listing page that was a seventh of a sync's listing
    /// of 40,000 objects, so a listing finds the positions once (`fetchListing`).
    struct Layout {
        let id, bucket, key, versionId, isLatest, isDeleteMarker, size, etag, lastModified, blobId: Int
        let partSizes, partChecksums, encryption, owner, acl, appendable, restoreReadyAt, restoreExpiresAt: Int
        let attributes: ObjectAttributes.Layout

        /// - Throws: `ColumnPositions.MissingColumn` when the row lacks one of the columns.
        init(_ positions: ColumnPositions) throws {
            id = try positions(Columns.id)
            bucket = try positions(Columns.bucket)
            key = try positions(Columns.key)
            versionId = try positions(Columns.versionId)
            isLatest = try positions(Columns.isLatest)
            isDeleteMarker = try positions(Columns.isDeleteMarker)
            size = try positions(Columns.size)
            etag = try positions(Columns.etag)
            lastModified = try positions(Columns.lastModified)
            blobId = try positions(Columns.blobId)
            partSizes = try positions(Columns.partSizes)
            partChecksums = try positions(Columns.partChecksums)
            encryption = try positions(Columns.encryption)
            owner = try positions(Columns.owner)
            acl = try positions(Columns.acl)
            appendable = try positions(Columns.appendable)
            restoreReadyAt = try positions(Columns.restoreReadyAt)
            restoreExpiresAt = try positions(Columns.restoreExpiresAt)
            attributes = try ObjectAttributes.Layout(positions)
        }
    }

    /// The records a listing statement selects, decoded by positions found in its first row.
    static func fetchListing(_ db: Database, sql: String, arguments: StatementArguments) throws -> [ObjectVersionRecord] {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var layout: Layout?
        var records: [ObjectVersionRecord] = []
        while let row = try rows.next() {
            if layout == nil { layout = try Layout(ColumnPositions(row)) }
            records.append(try ObjectVersionRecord(row: row, layout: layout!))
        }
        return records
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
