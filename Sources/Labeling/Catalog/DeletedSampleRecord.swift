import Foundation
import GRDB

/// A sample deleted without its source file: a sync does not bring it back while its file keeps this ETag.
struct DeletedSampleRecord: CatalogRecord {
    static let databaseTableName = "deletedSample"

    var datasetId: String
    var bucket: String
    var key: String
    var line: Int
    var etag: String
    var sampleId: String
    var deletedAt: Date
}
