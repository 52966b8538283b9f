import Foundation
import GRDB

struct MultipartUploadRecord: Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "multipartUpload"

    enum Columns {
        static let id = Column("id")
        static let uploadId = Column("uploadId")
        static let bucket = Column("bucket")
        static let key = Column("key")
        static let initiated = Column("initiated")
    }

    var id: Int64?
    var uploadId: String
    var bucket: String
    var key: String
    var initiated: Date
    var attributes: ObjectAttributes

    init(uploadId: String, bucket: String, key: String, initiated: Date, attributes: ObjectAttributes) {
        self.uploadId = uploadId
        self.bucket = bucket
        self.key = key
        self.initiated = initiated
        self.attributes = attributes
    }

    init(row: Row) throws {
        id = row[Columns.id]
        uploadId = row[Columns.uploadId]
        bucket = row[Columns.bucket]
        key = row[Columns.key]
        initiated = Date(timeIntervalSinceReferenceDate: row[Columns.initiated])
        attributes = try ObjectAttributes(row: row)
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.uploadId] = uploadId
        container[Columns.bucket] = bucket
        container[Columns.key] = key
        container[Columns.initiated] = initiated.timeIntervalSinceReferenceDate
        try attributes.encode(to: &container)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var upload: MultipartUpload {
        MultipartUpload(uploadId: uploadId, bucket: bucket, key: key, initiated: initiated, attributes: attributes, sequence: id ?? 0)
    }
}
