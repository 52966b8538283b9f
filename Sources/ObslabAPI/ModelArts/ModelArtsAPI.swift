import Foundation

/// The JSON documents of the ModelArts v2 data-management API as obslab speaks it, shared by the server and the CLI.
///
/// Field names are ModelArts's (`snake_case`, times in milliseconds since 1970); the few fields ModelArts does not
/// have (`unlabeled_reason`, `label_source`, `progress`, the sidecar counters) are obslab's additions, never renamings.
public enum ModelArtsAPI {
    /// `{"error_code": "ModelArts.xxxx", "error_msg": "…"}`, the body of every error answer.
    public struct ErrorBody: Codable, Sendable, Equatable {
        public var errorCode: String
        public var errorMessage: String

        public init(errorCode: String, errorMessage: String) {
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        enum CodingKeys: String, CodingKey {
            case errorCode = "error_code"
            case errorMessage = "error_msg"
        }
    }

    /// The header that carries the API token on every request.
    public static let tokenHeader = "X-Auth-Token"

    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// ModelArts times: milliseconds since 1970.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
