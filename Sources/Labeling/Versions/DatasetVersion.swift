import Foundation
import LabelFormats

/// A published version of a dataset: the samples and labels it had at that moment, frozen in the catalog and written to
/// the output path as a manifest (`<output>/<name>-<id>/annotation/<version>/<version>.manifest`).
///
/// A version refers to the raw objects by (bucket, key) and never copies them: deleting a source file breaks every
/// version that lists it, which is what `LabelingService.checkSources(datasetId:)` shows.
public struct DatasetVersion: Sendable, Hashable {
    public var id: String
    public var datasetId: String
    /// `V001`, `V002`, … unless the publisher named it.
    public var name: String
    public var description: String
    /// The version published before this one, if any.
    public var previousVersionId: String?
    /// `obs://bucket/key` of the manifest.
    public var manifestPath: String
    public var totalSampleCount: Int
    public var annotatedSampleCount: Int
    /// Against the previous version: samples that are new, whose labels changed, and that are gone.
    public var addedSampleCount: Int
    public var modifiedSampleCount: Int
    public var deletedSampleCount: Int
    public var labelStatistics: [VersionLabelStatistic]
    /// The newest version of the dataset is its current one.
    public var isCurrent: Bool
    public var createdAt: Date
    /// The options it was published with: whether hard-example flags were left out, and the share of labeled samples
    /// marked for training (the rest for evaluation).
    public var clearsHardExamples: Bool
    public var trainingShare: Double

    /// ModelArts `label_type`: `multi` when some sample has several labels, otherwise `single`.
    public var hasMultiLabelSamples: Bool
}

/// A label in a version: how many annotations carry it and on how many samples.
public struct VersionLabelStatistic: Sendable, Hashable, Codable {
    public var label: Label
    public var annotationCount: Int
    public var sampleCount: Int

    public init(label: Label, annotationCount: Int, sampleCount: Int) {
        self.label = label
        self.annotationCount = annotationCount
        self.sampleCount = sampleCount
    }
}

/// What publishing a version takes (ModelArts `version_name`, `description`, `clear_hard_property`,
/// `train_evaluate_sample_ratio`).
public struct VersionSpec: Sendable, Hashable {
    /// 1 to 32 letters, digits, `_` and `-`; nil for the next `Vnnn`.
    public var name: String?
    public var description: String
    /// Leave the hard-example flags of the samples out of the manifest (ModelArts's default).
    public var clearsHardExamples: Bool
    /// The share, from 0 to 1, of the labeled samples whose manifest line says `usage: TRAIN`; the others say `EVAL`.
    public var trainingShare: Double

    public init(name: String? = nil, description: String = "", clearsHardExamples: Bool = true, trainingShare: Double = 1) {
        self.name = name
        self.description = description
        self.clearsHardExamples = clearsHardExamples
        self.trainingShare = trainingShare
    }
}
