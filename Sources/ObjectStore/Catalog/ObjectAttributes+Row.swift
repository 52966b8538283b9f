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
        static let storageClass = Column("storageClass")
    }

    init(row: Row) throws {
        self.init(
            contentType: row[Columns.contentType],
            contentEncoding: row[Columns.contentEncoding],
            contentDisposition: row[Columns.contentDisposition],
            contentLanguage: row[Columns.contentLanguage],
            cacheControl: row[Columns.cacheControl],
            expires: row[Columns.expires],
            userMetadata: try Self.decodeDictionary(row[Columns.userMetadata]),
            checksums: try Self.decodeDictionary(row[Columns.checksums]),
            storageClass: row[Columns.storageClass]
        )
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
        container[Columns.storageClass] = storageClass
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
