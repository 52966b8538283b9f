/// What an auto grouping task is asked for ("Auto Grouping" dialog, ModelArts `task_type` `auto-grouping`): how many
/// groups, by which image measures, and where the result goes.
public struct GroupingSpec: Sendable, Hashable, Codable {
    /// The image measures the "Advanced Feature Settings" choose from.
    public enum Feature: String, Sendable, Hashable, Codable, CaseIterable {
        /// "Color": a coarse color histogram (ModelArts `image_colorfulness`).
        case color
        /// "Brightness": mean and spread of the luma (`image_brightness`).
        case brightness
        /// "Clarity": the variance of the Laplacian (`ambiguity`, the blurring degree).
        case sharpness
    }

    /// Where the groups go ("Result Processing Method").
    public enum Result: Sendable, Hashable, Codable {
        /// "Update attribute": each sample's attribute of this name says its group; the sample list filters on it
        /// ("Sample Attribute").
        case attribute(String)
        /// "Save to OBS": a JSON Lines file in this folder (`obs://bucket/folder/`), one line a sample.
        case obs(folder: String)
    }

    public static let groupCounts = 2...200
    /// The most characters of an attribute name.
    public static let maxAttributeNameLength = 64

    /// "Groups": 2 to 200.
    public var groupCount: Int
    /// The measures grouped by; empty means all of them (the dialog's default, with advanced settings off).
    public var features: Set<Feature>
    public var result: Result
    /// The k-means seed: the same seed and images always give the same groups.
    public var seed: UInt64

    public init(groupCount: Int, features: Set<Feature> = [], result: Result, seed: UInt64 = 0) {
        self.groupCount = groupCount
        self.features = features
        self.result = result
        self.seed = seed
    }

    /// The measures grouped by, all of them when none were chosen.
    public var effectiveFeatures: Set<Feature> { features.isEmpty ? Set(Feature.allCases) : features }

    /// - Throws: `LabelingError.invalidArgument` for a group count out of range, a bad attribute name or OBS folder.
    func validated() throws -> GroupingSpec {
        guard Self.groupCounts.contains(groupCount) else {
            throw LabelingError.invalidArgument("The number of groups must be 2 to 200, not \(groupCount)")
        }
        var spec = self
        switch result {
        case .attribute(let name):
            guard !name.isEmpty, name.count <= Self.maxAttributeNameLength, !name.contains(where: \.isNewline) else {
                throw LabelingError.invalidArgument(
                    "The attribute name must be 1 to \(Self.maxAttributeNameLength) characters on one line, not '\(name)'"
                )
            }
            guard !name.hasPrefix("@modelarts:") else {
                throw LabelingError.invalidArgument("The attribute name \(name) is reserved: @modelarts: attributes are ModelArts's own")
            }
        case .obs(let folder):
            let path = try StoragePath(parsing: folder, field: "The result storage path")
            spec.result = .obs(folder: path.description)
        }
        return spec
    }
}
