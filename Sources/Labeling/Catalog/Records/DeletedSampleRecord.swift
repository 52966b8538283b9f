import Foundation
import GRDB

/// A sample deleted without its source file: a sync does not bring it back while its file keeps this ETag.
struct DeletedSampleRecord: CatalogRecord {
    static let databaseTableName = "deletedSample"

    enum Columns {
        static let datasetId = Column(CodingKeys.datasetId)
        static let bucket = Column(CodingKeys.bucket)
        static let key = Column(CodingKeys.key)
    }

    var datasetId: String
    var bucket: String
    var key: String
    var line: Int
    var etag: String
    var sampleId: String
    var deletedAt: Date
}
