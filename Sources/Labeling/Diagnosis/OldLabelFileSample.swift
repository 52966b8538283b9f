import Foundation

/// A labeled sample whose labels may be wrong: its image was deleted with its source file (by a sample deletion that
/// kept the label file, or whose label file came back), another image was uploaded under the same name, and it took
/// the old image's label file.
public struct OldLabelFileSample: Sendable, Hashable {
    public var sampleId: String
    public var bucket: String
    public var key: String
    public var labelFileKey: String
    /// The dataset whose sample deletion deleted the old image, and when.
    public var deletedBy: String
    public var deletedAt: Date

    public var source: String { "obs://\(bucket)/\(key)" }
    public var labelFile: String { "obs://\(bucket)/\(labelFileKey)" }
}
