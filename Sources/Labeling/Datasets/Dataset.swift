import Foundation
import LabelFormats

/// A dataset: raw files under an input path, their samples and its label set.
public struct Dataset: Sendable, Hashable {
    /// 32 lowercase hex characters.
    public var id: String
    public var name: String
    public var kind: DatasetKind
    public var inputBucket: String
    /// Empty, or ending with `/`.
    public var inputPrefix: String
    public var outputPath: String
    public var description: String
    public var labels: [Label]
    public var createdAt: Date
    public var updatedAt: Date
    /// The labeling job created with the dataset.
    public var defaultJobId: String
    public var counts: SampleCounts

    /// `obs://bucket/prefix/`, as given at creation.
    public var inputPath: String { "obs://\(inputBucket)/\(inputPrefix)" }
}
