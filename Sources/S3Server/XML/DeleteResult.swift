/// The response of DeleteObjects (`POST /bucket?delete`).
struct DeleteResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "DeleteResult"

    /// Empty in quiet mode.
    var deleted: [Deleted] = []
    var errors: [Error] = []

    struct Deleted: Codable, Sendable, Equatable {
        var key: String
        var versionId: String?
        var deleteMarker: Bool?
        var deleteMarkerVersionId: String?

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case versionId = "VersionId"
            case deleteMarker = "DeleteMarker"
            case deleteMarkerVersionId = "DeleteMarkerVersionId"
        }
    }

    /// One key that could not be deleted. Inside `DeleteResult` the name `Error` means this type, not `Swift.Error`.
    struct Error: Codable, Sendable, Equatable {
        var key: String
        var versionId: String?
        var code: String
        var message: String

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case versionId = "VersionId"
            case code = "Code"
            case message = "Message"
        }
    }

    enum CodingKeys: String, CodingKey {
        case deleted = "Deleted"
        case errors = "Error"
    }
}
