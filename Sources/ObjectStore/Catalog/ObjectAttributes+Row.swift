import Foundation
import GRDB

/// Attributes are columns of `objectVersion` and `multipartUpload`; the dictionaries are JSON, NULL when empty
/// (the same JSON form stores the checksums of an `uploadPart`).
extension ObjectAttributes {
    enum Columns {
        static let contentType = Column("contentType")
        static let contentEncoding = Column("contentEncoding")
        static let contentDisposition = Column("contentDisposition")
        static let contentLanguage = Column("contentLanguage")
        static let cacheControl = Column("cacheControl")
        static let expires = Column("expires")
        static let userMetadata = Column("userMetadata")
        static let checksums = Column("checksums")
        static let checksumType = Column("checksumType")
        static let storageClass = Column("storageClass")
        static let tags = Column("tags")
        static let lockMode = Column("lockMode")
        static let lockRetainUntil = Column("lockRetainUntil")
        static let legalHold = Column("legalHold")
    }

    init(row: Row) throws {
        try self.init(row: row, layout: Layout(ColumnPositions(row)))
    }

    init(row: Row, layout: Layout) throws {
        self.init(
            contentType: row[layout.contentType],
            contentEncoding: row[layout.contentEncoding],
            contentDisposition: row[layout.contentDisposition],
            contentLanguage: row[layout.contentLanguage],
            cacheControl: row[layout.cacheControl],
            expires: row[layout.expires],
            userMetadata: try Self.decodeDictionary(row[layout.userMetadata]),
            checksums: try Self.decodeDictionary(row[layout.checksums]),
            checksumType: row[layout.checksumType],
            storageClass: row[layout.storageClass],
            tags: try Self.decodeDictionary(row[layout.tags]),
            retention: Self.decodeRetention(mode: row[layout.lockMode], until: row[layout.lockRetainUntil]),
            legalHold: row[layout.legalHold] ?? false
        )
    }

    /// Where the attribute columns are in the rows of one statement (see `ObjectVersionRecord.Layout`).
    struct Layout {
        let contentType, contentEncoding, contentDisposition, contentLanguage, cacheControl, expires, userMetadata: Int
        let checksums, checksumType, storageClass, tags, lockMode, lockRetainUntil, legalHold: Int

        init(_ positions: ColumnPositions) throws {
            contentType = try positions(Columns.contentType)
            contentEncoding = try positions(Columns.contentEncoding)
            contentDisposition = try positions(Columns.contentDisposition)
            contentLanguage = try positions(Columns.contentLanguage)
            cacheControl = try positions(Columns.cacheControl)
            expires = try positions(Columns.expires)
            userMetadata = try positions(Columns.userMetadata)
            checksums = try positions(Columns.checksums)
            checksumType = try positions(Columns.checksumType)
            storageClass = try positions(Columns.storageClass)
            tags = try positions(Columns.tags)
            lockMode = try positions(Columns.lockMode)
            lockRetainUntil = try positions(Columns.lockRetainUntil)
            legalHold = try positions(Columns.legalHold)
        }
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.contentType] = contentType
        container[Columns.contentEncoding] = contentEncoding
        container[Columns.contentDisposition] = contentDisposition
        container[Columns.contentLanguage] = contentLanguage
        container[Columns.cacheControl] = cacheControl
        container[Columns.expires] = expires
        container[Columns.userMetadata] = try Self.encodeDictionary(userMetadata)
        container[Columns.checksums] = try Self.encodeDictionary(checksums)
        container[Columns.checksumType] = checksumType
        container[Columns.storageClass] = storageClass
        container[Columns.tags] = try Self.encodeDictionary(tags)
        container[Columns.lockMode] = retention?.mode.rawValue
        container[Columns.lockRetainUntil] = retention?.retainUntil.timeIntervalSinceReferenceDate
        container[Columns.legalHold] = legalHold
    }

    /// A retention needs both its columns; a mode this version does not know reads as the stricter one.
    private static func decodeRetention(mode: String?, until: Double?) -> ObjectRetention? {
        guard let mode, let until else { return nil }
        return ObjectRetention(mode: ObjectLockMode(rawValue: mode) ?? .compliance, retainUntil: Date(timeIntervalSinceReferenceDate: until))
    }

    static func decodeDictionary(_ json: String?) throws -> [String: String] {
        guard let json else { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
    }

    static func encodeDictionary(_ dictionary: [String: String]) throws -> String? {
        if dictionary.isEmpty { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(dictionary), as: UTF8.self)
    }
}
