import Foundation
import LabelFormats

/// A sample of a dataset (or of one of its labeling jobs): one raw object, or one line of a text file.
public struct Sample: Sendable, Hashable {
    public var id: String
    public var datasetId: String
    /// Set when the sample is listed through a labeling job.
    public var jobId: String?
    public var bucket: String
    public var key: String
    /// The object version the sample refers to, when the storage told it.
    public var versionId: String?
    /// The raw object's ETag and size.
    public var etag: String
    public var size: Int64
    /// For text classification, the 1-based line of the text in its file; nil for a sample that is a whole object.
    public var line: Int?
    /// For text classification, the text of the line.
    public var text: String?
    public var annotations: [Annotation]
    /// Where the labels came from; nil when the sample is unlabeled.
    public var labelSource: LabelSource?
    /// Why the sample is unlabeled; nil when it is labeled.
    public var unlabeledReason: UnlabeledReason?
    public var createdAt: Date
    /// The last change of the sample or of its labels.
    public var updatedAt: Date
    /// Who made the last label change: a user, or `sync` for labels read from the storage.
    public var labeledBy: String?
    /// Whether the sample is a hard example; nil when nothing ever said (ModelArts counts it as not hard).
    public var hard: Bool?
    /// ModelArts's hard-example reason ids, for a hard example that has some.
    public var hardReasons: [Int]?
    /// The difficulty coefficient in [0, 1], for a hard example that has one.
    public var hardCoefficient: Double?
    /// Where the inference service wrote its result for the object (a manifest's `inference-loc`): set for a sample
    /// whose origin is inference ("Data Attribute: Inference").
    public var inferenceLoc: String? = nil
    /// When the storage last changed the object, as the sync or import saw it; nil for samples older than this record.
    public var objectModifiedAt: Date? = nil
    /// The sample attributes auto grouping wrote (attribute name to group), "Sample Attribute".
    public var attributes: [String: String] = [:]

    /// Whether the sample comes from inference.
    public var isInference: Bool { inferenceLoc != nil }

    public var isLabeled: Bool { !annotations.isEmpty }
}
