/// One line of a ModelArts manifest: a sample's `source` and its annotations.
public struct ManifestEntry: Sendable, Hashable, Codable {
    /// `obs://bucket/key`, `s3://bucket/key`, or `content://text` for text samples.
    public var source: String
    /// `TRAIN`, `EVAL`, `TEST`, `INFERENCE`, or nil.
    public var usage: String?
    public var id: String?
    public var annotations: [ManifestAnnotation]
    public var hard: Bool?
    public var hardCoefficient: Double?
    public var inferenceLoc: String?
    /// Members obslab does not interpret (`sample-type`, `property`, ...), written back as read.
    public var extra: [String: JSONValue]

    public init(
        source: String,
        usage: String? = nil,
        id: String? = nil,
        annotations: [ManifestAnnotation] = [],
        hard: Bool? = nil,
        hardCoefficient: Double? = nil,
        inferenceLoc: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.source = source
        self.usage = usage
        self.id = id
        self.annotations = annotations
        self.hard = hard
        self.hardCoefficient = hardCoefficient
        self.inferenceLoc = inferenceLoc
        self.extra = extra
    }
}

/// One element of a manifest line's `annotation` list.
public struct ManifestAnnotation: Sendable, Hashable, Codable {
    /// `modelarts/image_classification`, `modelarts/object_detection`, ...
    public var type: String
    /// The label name; object detection gives its labels in the file at ``annotationLoc`` instead.
    public var name: String?
    public var id: String?
    /// `property`, including `@modelarts:color`.
    public var property: [String: JSONValue]
    /// `annotated-by` (read from `annotated_by` too): `human`, `modelarts/active-learning`, ...
    public var annotatedBy: String?
    /// `creation-time`, as written (`2019-01-23 11:30:30`).
    public var creationTime: String?
    public var hard: Bool?
    public var hardCoefficient: Double?
    public var confidence: Double?
    /// Where the PASCAL VOC file of an object detection sample is, `obs://…` or `s3://…`.
    public var annotationLoc: String?
    /// `PASCAL VOC` (the default and only value ModelArts accepts).
    public var annotationFormat: String?
    /// Members obslab does not interpret, written back as read.
    public var extra: [String: JSONValue]

    public init(
        type: String,
        name: String? = nil,
        id: String? = nil,
        property: [String: JSONValue] = [:],
        annotatedBy: String? = nil,
        creationTime: String? = nil,
        hard: Bool? = nil,
        hardCoefficient: Double? = nil,
        confidence: Double? = nil,
        annotationLoc: String? = nil,
        annotationFormat: String? = nil,
        extra: [String: JSONValue] = [:]
    ) {
        self.type = type
        self.name = name
        self.id = id
        self.property = property
        self.annotatedBy = annotatedBy
        self.creationTime = creationTime
        self.hard = hard
        self.hardCoefficient = hardCoefficient
        self.confidence = confidence
        self.annotationLoc = annotationLoc
        self.annotationFormat = annotationFormat
        self.extra = extra
    }

    /// A classification label of a dataset of `kind`, its properties as strings.
    public init(_ annotation: Annotation, kind: DatasetKind, annotatedBy: String? = "human", creationTime: String? = nil) {
        self.init(
            type: kind.manifestType,
            name: annotation.name,
            property: annotation.properties.mapValues { .string($0) },
            annotatedBy: annotatedBy,
            creationTime: creationTime
        )
    }

    /// The label as an ``Annotation`` (name trimmed, properties as strings), or nil when it has no name.
    public var annotation: Annotation? {
        let name = TextLines.trim(self.name ?? "")
        guard !name.isEmpty else { return nil }
        return Annotation(name: name, properties: self.property.mapValues(\.propertyString))
    }
}

/// What a manifest holds, and which lines were left out and why.
public struct ParsedManifest: Sendable, Hashable, Codable {
    public var entries: [ManifestEntry]
    public var skipped: [ParseIssue]

    public init(entries: [ManifestEntry], skipped: [ParseIssue] = []) {
        self.entries = entries
        self.skipped = skipped
    }
}
