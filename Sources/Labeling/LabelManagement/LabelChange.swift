/// A change to one label of a dataset's label set: a new name, a new color, other properties (`@modelarts:shortcut`…).
public struct LabelChange: Sendable, Hashable {
    public var name: String
    /// `@modelarts:rename_to`: every sample carrying the label carries the new name instead.
    public var renameTo: String?
    /// `#RRGGBB`.
    public var color: String?
    /// Set on the label beside those it has.
    public var properties: [String: String]

    public init(name: String, renameTo: String? = nil, color: String? = nil, properties: [String: String] = [:]) {
        self.name = name
        self.renameTo = renameTo
        self.color = color
        self.properties = properties
    }
}
