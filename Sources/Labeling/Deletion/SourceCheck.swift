import Foundation

/// The state of a dataset's source files now, checked against the storage: samples and published versions whose files
/// are gone, each with who deleted it through the labeling layer (and how to bring it back) when obslab knows.
public struct SourceCheck: Sendable, Hashable {
    public var datasetId: String
    public var datasetName: String
    public var checkedSampleCount: Int
    public var missingSamples: [MissingSource]
    public var versions: [VersionSourceCheck]

    public var isIntact: Bool { missingSamples.isEmpty && versions.allSatisfy(\.missing.isEmpty) }
}

/// One published version's files that are gone.
public struct VersionSourceCheck: Sendable, Hashable {
    public var versionId: String
    public var versionName: String
    public var totalSampleCount: Int
    public var missing: [MissingSource]
}

/// A sample (of the dataset or of a version) whose source file the storage no longer lists.
public struct MissingSource: Sendable, Hashable {
    public var sampleId: String
    public var bucket: String
    public var key: String
    /// The deletion that removed the file, when it went through a sample deletion with `delete_source`; nil when it was
    /// removed some other way (an S3 delete request, for one).
    public var deletion: SourceDeletionRecord?

    public var source: String { "obs://\(bucket)/\(key)" }
}

/// A source file deleted by deleting a sample "with its source file".
public struct SourceDeletionRecord: Sendable, Hashable {
    public var datasetId: String
    /// The deleting dataset's name then (it may be gone since).
    public var datasetName: String
    public var sampleId: String
    public var deletedAt: Date
    /// The delete marker hiding the file when its bucket keeps versions: deleting that marker restores the file.
    public var deleteMarkerVersionId: String?
}
