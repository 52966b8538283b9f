import Foundation
import GRDB

struct UploadPartRecord: Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "uploadPart"

    enum Columns {
        static let uploadId = Column("uploadId")
        static let partNumber = Column("partNumber")
        static let etag = Column("etag")
        static let size = Column("size")
        static let lastModified = Column("lastModified")
        static let blobId = Column("blobId")
    }

    var uploadId: String
    var partNumber: Int
    var etag: String
    var size: Int64
    var lastModified: Date
    var blobId: String

    init(uploadId: String, partNumber: Int, etag: String, size: Int64, lastModified: Date, blobId: String) {
        self.uploadId = uploadId
        self.partNumber = partNumber
        self.etag = etag
        self.size = size
        self.lastModified = lastModified
        self.blobId = blobId
    }

    init(row: Row) throws {
        uploadId = row[Columns.uploadId]
        partNumber = row[Columns.partNumber]
        etag = row[Columns.etag]
        size = row[Columns.size]
        lastModified = Date(timeIntervalSinceReferenceDate: row[Columns.lastModified])
        blobId = row[Columns.blobId]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.uploadId] = uploadId
        container[Columns.partNumber] = partNumber
        container[Columns.etag] = etag
        container[Columns.size] = size
        container[Columns.lastModified] = lastModified.timeIntervalSinceReferenceDate
        container[Columns.blobId] = blobId
    }

    var part: UploadedPart {
        UploadedPart(partNumber: partNumber, etag: etag, size: size, lastModified: lastModified)
    }
}
