import Foundation
import GRDB
import KeyManagement

struct UploadPartRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "uploadPart"

    enum Columns {
        static let uploadId = Column("uploadId")
        static let partNumber = Column("partNumber")
        static let etag = Column("etag")
        static let size = Column("size")
        static let lastModified = Column("lastModified")
        static let blobId = Column("blobId")
        static let checksums = Column("checksums")
        static let encryptedSegment = Column("encryptedSegment")
    }

    var uploadId: String
    var partNumber: Int
    var etag: String
    var size: Int64
    var lastModified: Date
    var blobId: String
    /// Flexible checksums of the part (algorithm name → base64), as the client declared and the server verified them.
    var checksums: [String: String]
    /// The part's nonce prefix and size when the upload is encrypted.
    var encryptedSegment: EncryptedSegment?

    init(
        uploadId: String,
        partNumber: Int,
        etag: String,
        size: Int64,
        lastModified: Date,
        blobId: String,
        checksums: [String: String],
        encryptedSegment: EncryptedSegment?
    ) {
        self.uploadId = uploadId
        self.partNumber = partNumber
        self.etag = etag
        self.size = size
        self.lastModified = lastModified
        self.blobId = blobId
        self.checksums = checksums
        self.encryptedSegment = encryptedSegment
    }

    init(row: Row) throws {
        uploadId = row[Columns.uploadId]
        partNumber = row[Columns.partNumber]
        etag = row[Columns.etag]
        size = row[Columns.size]
        lastModified = Date(timeIntervalSinceReferenceDate: row[Columns.lastModified])
        blobId = row[Columns.blobId]
        checksums = try ObjectAttributes.decodeDictionary(row[Columns.checksums])
        encryptedSegment = try (row[Columns.encryptedSegment] as String?).map {
            try JSONDecoder().decode(EncryptedSegment.self, from: Data($0.utf8))
        }
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.uploadId] = uploadId
        container[Columns.partNumber] = partNumber
        container[Columns.etag] = etag
        container[Columns.size] = size
        container[Columns.lastModified] = lastModified.timeIntervalSinceReferenceDate
        container[Columns.blobId] = blobId
        container[Columns.checksums] = try ObjectAttributes.encodeDictionary(checksums)
        container[Columns.encryptedSegment] = try encryptedSegment.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    }

    var part: UploadedPart {
        UploadedPart(partNumber: partNumber, etag: etag, size: size, lastModified: lastModified, checksums: checksums)
    }
}
