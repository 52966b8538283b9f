import Foundation
import GRDB
import LabelFormats

/// A sample of a dataset: what the last sync saw of its raw object and label file, and the labels it read.
struct SampleRecord: CatalogRecord {
    static let databaseTableName = "sample"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let datasetId = Column(CodingKeys.datasetId)
        static let bucket = Column(CodingKeys.bucket)
        static let key = Column(CodingKeys.key)
        static let line = Column(CodingKeys.line)
    }

    var id: String
    var datasetId: String
    var bucket: String
    var key: String
    /// The 1-based line of a text sample; 0 for a sample that is a whole object (a unique key may not hold NULLs).
    var line: Int
    var versionId: String?
    var etag: String
    var size: Int64
    var text: String?
    var annotations: [Annotation]
    var isLabeled: Bool
    var labelSource: LabelSource?
    var unlabeledReason: UnlabeledReason?
    /// The label file the labels were read from (or that could not be read), and its ETag then.
    var sidecarKey: String?
    var sidecarEtag: String?
    var labeledBy: String?
    var labeledAt: Date?
    var createdAt: Date
    var updatedAt: Date
    /// A hard example, as a manifest or an added sample said; nil when nothing said.
    var hard: Bool?

    func sample(jobId: String? = nil) -> Sample {
        Sample(
            id: id,
            datasetId: datasetId,
            jobId: jobId,
            bucket: bucket,
            key: key,
            versionId: versionId,
            etag: etag,
            size: size,
            line: line == 0 ? nil : line,
            text: text,
            annotations: annotations,
            labelSource: labelSource,
            unlabeledReason: unlabeledReason,
            createdAt: createdAt,
            updatedAt: updatedAt,
            labeledBy: labeledBy,
            hard: hard
        )
    }
}
