/// One label on one sample: a class name, and for object detection a shape and the PASCAL VOC flags.
public struct Annotation: Sendable, Hashable, Codable {
    public var name: String
    /// nil for classification labels.
    public var shape: Shape?
    /// Label properties such as `@modelarts:color`, `@modelarts:hard`, `@modelarts:hard_coefficient`.
    public var properties: [String: String]
    /// PASCAL VOC extras, nil when the file does not give them.
    public var pose: String?
    public var truncated: Bool?
    public var occluded: Bool?
    public var difficult: Bool?

    public init(
        name: String,
        shape: Shape? = nil,
        properties: [String: String] = [:],
        pose: String? = nil,
        truncated: Bool? = nil,
        occluded: Bool? = nil,
        difficult: Bool? = nil
    ) {
        self.name = name
        self.shape = shape
        self.properties = properties
        self.pose = pose
        self.truncated = truncated
        self.occluded = occluded
        self.difficult = difficult
    }

    /// The property key ModelArts uses for a label's color.
    public static let colorProperty = "@modelarts:color"

    /// `properties["@modelarts:color"]`.
    public var color: String? { self.properties[Self.colorProperty] }
}
