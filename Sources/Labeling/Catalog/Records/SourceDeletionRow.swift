import Foundation
import GRDB

/// The last deletion of a source file through a sample deletion, kept to say later who broke what.
struct SourceDeletionRow: CatalogRecord {
    static let databaseTableName = "sourceDeletion"

    enum Columns {
        static let bucket = Column(CodingKeys.bucket)
        static let key = Column(CodingKeys.key)
    }

    var bucket: String
    var key: String
    var datasetId: String
    var datasetName: String
    var sampleId: String
    var deletedAt: Date
    var deleteMarkerVersionId: String?
    /// The deleted image's ETag, and the label file it was labeled by with that file's ETag then.
    var etag: String?
    var labelFileKey: String?
    var labelFileEtag: String?

    var record: SourceDeletionRecord {
        SourceDeletionRecord(
            datasetId: datasetId,
            datasetName: datasetName,
            sampleId: sampleId,
            deletedAt: deletedAt,
            deleteMarkerVersionId: deleteMarkerVersionId
        )
    }
}
