import GRDB
import LabelFormats

/// A sample as a version froze it: which file (and line) and which labels. The sample itself may be gone since.
struct VersionSampleRecord: CatalogRecord {
    static let databaseTableName = "versionSample"

    enum Columns {
        static let versionId = Column(CodingKeys.versionId)
        static let key = Column(CodingKeys.key)
    }

    var versionId: String
    var sampleId: String
    var bucket: String
    var key: String
    /// 0 for a whole object, the 1-based line for a text sample.
    var line: Int
    var annotations: [Annotation]

    init(versionId: String, sample: SampleEntry) {
        self.versionId = versionId
        sampleId = sample.id
        bucket = sample.bucket
        key = sample.key
        line = sample.line
        annotations = sample.annotations
    }

    var frozen: FrozenSample { FrozenSample(sampleId: sampleId, bucket: bucket, key: key, line: line, annotations: annotations) }
}
