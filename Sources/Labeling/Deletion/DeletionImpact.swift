import Foundation

/// What deleting some samples of a dataset does beyond that dataset: the source files that go, and the other datasets
/// and the versions (of any dataset, this one included) that refer to those files and break with them.
///
/// Worked out from the catalog before anything is deleted; after a deletion each source file also says how it went.
public struct DeletionImpact: Sendable, Hashable {
    public var datasetId: String
    public var datasetName: String
    /// Whether the source files are (to be) deleted; false deletes catalog rows only and breaks nothing else.
    public var deleteSource: Bool
    public var sourceFiles: [SourceFileImpact]
    /// The label files (sidecars) of the samples whose source files go: deleted with them unless `keepLabelFiles`, so
    /// that an image uploaded again under the same name does not pick up the old labels.
    public var labelFiles: [SourceFileImpact]
    public var keepLabelFiles: Bool
    /// Other datasets with samples on those files, and which samples.
    public var otherDatasets: [AffectedDataset]
    /// Versions that list those files.
    public var versions: [AffectedVersion]

    /// Whether anything outside the deleted samples breaks.
    public var breaksOthers: Bool { !otherDatasets.isEmpty || !versions.isEmpty }
}

/// A source (or label) file of the samples being deleted.
public struct SourceFileImpact: Sendable, Hashable {
    public var bucket: String
    public var key: String
    /// The samples of the deleting dataset on this file (whose label file it is).
    public var sampleIds: [String]
    /// Whether the bucket keeps versions, so that the file can be brought back after its deletion; nil when the storage
    /// cannot tell.
    public var versioningEnabled: Bool? = nil
    /// After a deletion: what happened to the file.
    public var outcome: SourceDeletionOutcome? = nil

    public var source: String { "obs://\(bucket)/\(key)" }
}

/// What deleting one source file did.
public enum SourceDeletionOutcome: Sendable, Hashable {
    /// The file is gone for good.
    case deleted
    /// The bucket keeps versions: the file is hidden behind a delete marker, and removing that marker brings it back.
    case deleteMarker(versionId: String)
    /// The storage refused: the file is still there (and its samples were not deleted).
    case failed(code: String, message: String)
}

/// Another dataset that refers to some of the source files.
public struct AffectedDataset: Sendable, Hashable {
    public var datasetId: String
    public var datasetName: String
    public var samples: [AffectedSample]
}

/// A sample of another dataset whose source file is (to be) deleted.
public struct AffectedSample: Sendable, Hashable {
    public var sampleId: String
    public var bucket: String
    public var key: String

    public var source: String { "obs://\(bucket)/\(key)" }
}

/// A published version that lists some of the source files.
public struct AffectedVersion: Sendable, Hashable {
    public var datasetId: String
    public var datasetName: String
    public var versionId: String
    public var versionName: String
    public var totalSampleCount: Int
    /// The `obs://bucket/key` of each listed file that is (to be) deleted.
    public var sources: [String]
}

/// The answer to a sample deletion: one result per requested sample, in request order, and the impact.
public struct SampleDeletionReport: Sendable, Hashable {
    public var results: [SampleDeletionResult]
    public var impact: DeletionImpact

    public var succeeded: Bool { results.allSatisfy { $0.error == nil } }
}

/// Whether one requested sample was deleted, and if not why.
public struct SampleDeletionResult: Sendable, Hashable {
    public var sampleId: String
    public var error: LabelingError?
}
