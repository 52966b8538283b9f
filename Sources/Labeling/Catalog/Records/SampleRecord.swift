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
        static let etag = Column(CodingKeys.etag)
        static let size = Column(CodingKeys.size)
        static let isLabeled = Column(CodingKeys.isLabeled)
        static let updatedAt = Column(CodingKeys.updatedAt)
    }

    /// The columns a label edit changes (`LabelEdit.apply`): an update of only these leaves the other indexes alone.
    static let labelColumns: [String] = [
        CodingKeys.annotations, .isLabeled, .labelSource, .unlabeledReason, .labeledBy, .labeledAt, .updatedAt,
    ].map(\.stringValue)

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
    var sidecarKey: String?
    var sidecarEtag: String?
    var labeledBy: String?
    var labeledAt: Date?
    var createdAt: Date
    var updatedAt: Date
    var hard: Bool?
    /// A JSON array of reason ids.
    var hardReasons: [Int]?
    var hardCoefficient: Double?
    var inferenceLoc: String?
    var objectModifiedAt: Date?

    init(_ entry: SampleEntry) {
        id = entry.id
        datasetId = entry.datasetId
        bucket = entry.bucket
        key = entry.key
        line = entry.line
        versionId = entry.versionId
        etag = entry.etag
        size = entry.size
        text = entry.text
        annotations = entry.annotations
        isLabeled = entry.isLabeled
        labelSource = entry.labelSource
        unlabeledReason = entry.unlabeledReason
        sidecarKey = entry.sidecarKey
        sidecarEtag = entry.sidecarEtag
        labeledBy = entry.labeledBy
        labeledAt = entry.labeledAt
        createdAt = entry.createdAt
        updatedAt = entry.updatedAt
        hard = entry.hard
        hardReasons = entry.hardReasons
        hardCoefficient = entry.hardCoefficient
        inferenceLoc = entry.inferenceLoc
        objectModifiedAt = entry.objectModifiedAt
    }

    var entry: SampleEntry {
        SampleEntry(
            id: id,
            datasetId: datasetId,
            bucket: bucket,
            key: key,
            line: line,
            versionId: versionId,
            etag: etag,
            size: size,
            text: text,
            annotations: annotations,
            isLabeled: isLabeled,
            labelSource: labelSource,
            unlabeledReason: unlabeledReason,
            sidecarKey: sidecarKey,
            sidecarEtag: sidecarEtag,
            labeledBy: labeledBy,
            labeledAt: labeledAt,
            createdAt: createdAt,
            updatedAt: updatedAt,
            hard: hard,
            hardReasons: hardReasons,
            hardCoefficient: hardCoefficient,
            inferenceLoc: inferenceLoc,
            objectModifiedAt: objectModifiedAt
        )
    }
}
