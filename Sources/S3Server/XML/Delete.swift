/// The `Delete` body of DeleteObjects (`POST /bucket?delete`).
struct Delete: S3XMLDocument, Codable, Equatable {
    static let rootElement = "Delete"

    var quiet: Bool?
    var objects: [Object] = []

    struct Object: Codable, Sendable, Equatable {
        var key: String
        var versionId: String?

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
