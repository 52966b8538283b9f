import Foundation
import GRDB
import KeyManagement

struct MultipartUploadRecord: Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "multipartUpload"

    enum Columns {
        static let id = Column("id")
        static let uploadId = Column("uploadId")
        static let bucket = Column("bucket")
        static let key = Column("key")
        static let initiated = Column("initiated")
        static let encryption = Column("encryption")
        static let owner = Column("owner")
        static let acl = Column("acl")
        static let checksumAlgorithm = Column("checksumAlgorithm")
    }

    var id: Int64?
    var uploadId: String
    var bucket: String
    var key: String
    var initiated: Date
    var attributes: ObjectAttributes
    /// The upload's data key and mode; each part adds its own segment, and the completed object gets them all.
    var encryption: EncryptionEnvelope?
    /// The initiator, owner of the completed object (nil: the bucket's owner).
    var owner: String?
    var acl: String?
    var checksumAlgorithm: String?

    init(
        uploadId: String,
        bucket: String,
        key: String,
        initiated: Date,
        attributes: ObjectAttributes,
        encryption: EncryptionEnvelope?,
        owner: String? = nil,
        acl: String? = nil,
        checksumAlgorithm: String? = nil
    ) {
        self.uploadId = uploadId
        self.bucket = bucket
        self.key = key
        self.initiated = initiated
        self.attributes = attributes
        self.encryption = encryption
        self.owner = owner
        self.acl = acl
        self.checksumAlgorithm = checksumAlgorithm
    }

    init(row: Row) throws {
        id = row[Columns.id]
        uploadId = row[Columns.uploadId]
        bucket = row[Columns.bucket]
        key = row[Columns.key]
        initiated = Date(timeIntervalSinceReferenceDate: row[Columns.initiated])
        attributes = try ObjectAttributes(row: row)
        encryption = try (row[Columns.encryption] as String?).map { try EncryptionEnvelope(serialized: $0) }
        owner = row[Columns.owner]
        acl = row[Columns.acl]
        checksumAlgorithm = row[Columns.checksumAlgorithm]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.uploadId] = uploadId
        container[Columns.bucket] = bucket
        container[Columns.key] = key
        container[Columns.initiated] = initiated.timeIntervalSinceReferenceDate
        try attributes.encode(to: &container)
        container[Columns.encryption] = encryption?.serialized
        container[Columns.owner] = owner
        container[Columns.acl] = acl
        container[Columns.checksumAlgorithm] = checksumAlgorithm
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    var upload: MultipartUpload {
        MultipartUpload(
            uploadId: uploadId,
            bucket: bucket,
            key: key,
            initiated: initiated,
            attributes: attributes,
            encryption: encryption,
            initiator: owner,
            acl: acl,
            checksumAlgorithm: checksumAlgorithm,
            sequence: id ?? 0
        )
    }
}
