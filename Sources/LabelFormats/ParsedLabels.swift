/// What a label file holds, and what was left out of it and why.
public struct ParsedLabels: Sendable, Hashable, Codable {
    public var annotations: [Annotation]
    /// Items ignored by the lenient parser (a duplicate label, an object without a name, ...).
    public var skipped: [ParseIssue]
    /// The image size a PASCAL VOC file declares, when it declares one.
    public var imageSize: ImageSize?

    public init(annotations: [Annotation], skipped: [ParseIssue] = [], imageSize: ImageSize? = nil) {
        self.annotations = annotations
        self.skipped = skipped
        self.imageSize = imageSize
    }
}

/// PASCAL VOC `size`: width and height in pixels, depth the number of channels.
public struct ImageSize: Sendable, Hashable, Codable {
    public var width: Int
    public var height: Int
    public var depth: Int?

    public init(width: Int, height: Int, depth: Int? = nil) {
        self.width = width
        self.height = height
        self.depth = depth
    }
}
