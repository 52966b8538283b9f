/// The `Delete` body of DeleteObjects (`POST /bucket?delete`): at most 1000 objects, as S3 allows.
public struct Delete: RequestDocument, Codable, Equatable {
    public static let rootElement = "Delete"
    /// 1000 objects of a 1024-byte key and a version id fit in about 1.1 MB.
    public static let limits = XMLLimits(maxBytes: 2 << 20, maxElements: 10_000, repeatedChild: ("Object", maxObjects))
    /// S3 deletes at most 1000 keys per request and answers `MalformedXML` to more.
    public static let maxObjects = 1000

    public var quiet: Bool?
    public var objects: [Object] = []

    public init(quiet: Bool? = nil, objects: [Object] = []) {
        self.quiet = quiet
        self.objects = objects
    }

    public struct Object: Codable, Sendable, Equatable {
        public var key: String
        public var versionId: String?

        public init(key: String, versionId: String? = nil) {
            self.key = key
            self.versionId = versionId
        }

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case versionId = "VersionId"
        }
    }

    enum CodingKeys: String, CodingKey {
        case quiet = "Quiet"
        case objects = "Object"
    }
}
