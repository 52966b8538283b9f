import Foundation
import GRDB

/// The last deletion of a source file through a sample deletion, kept to say later who broke what.
struct SourceDeletionRow: CatalogRecord {
    static let databaseTableName = "sourceDeletion"

    var bucket: String
    var key: String
    var datasetId: String
    var datasetName: String
    var sampleId: String
    var deletedAt: Date
    var deleteMarkerVersionId: String?

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
