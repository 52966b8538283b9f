import Foundation
import LabelFormats

/// A sample as the catalog keeps it: a `Sample`, with what the last sync saw of its label file (key and ETag: the next
/// sync reads that file again only when they change) and when its labels last changed.
struct SampleEntry: Sendable, Hashable {
    var id: String
    var datasetId: String
    var bucket: String
    var key: String
    /// The 1-based line of a text sample; 0 for a sample that is a whole object.
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
    var hardReasons: [Int]? = nil
    var hardCoefficient: Double? = nil
    /// A manifest's `inference-loc`: the sample comes from inference.
    var inferenceLoc: String? = nil
    /// The object's last modification, as the listing said.
    var objectModifiedAt: Date? = nil

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
            hard: hard,
            hardReasons: hardReasons,
            hardCoefficient: hardCoefficient,
            inferenceLoc: inferenceLoc,
            objectModifiedAt: objectModifiedAt
        )
    }
}
