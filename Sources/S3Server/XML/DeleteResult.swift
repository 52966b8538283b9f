/// The response of DeleteObjects (`POST /bucket?delete`).
struct DeleteResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "DeleteResult"

    /// Empty in quiet mode.
    var deleted: [Deleted] = []
    var errors: [Failure] = []

    struct Deleted: Codable, Sendable, Equatable {
        var key: String
        var versionID: String?
        var deleteMarker: Bool?
        var deleteMarkerVersionID: String?

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case versionID = "VersionId"
            case deleteMarker = "DeleteMarker"
            case deleteMarkerVersionID = "DeleteMarkerVersionId"
        }
    }

    /// An `Error` element: one key that could not be deleted.
    struct Failure: Codable, Sendable, Equatable {
        var key: String
        var versionID: String?
        var code: String
        var message: String

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case versionID = "VersionId"
            case code = "Code"
            case message = "Message"
        }
    }

    enum CodingKeys: String, CodingKey {
        case deleted = "Deleted"
        case errors = "Error"
    }
}
