import Foundation

/// The JSON documents of obslab's admin API (`/-/admin/…` on the S3 port), shared by the server and the CLI.
///
/// `-` can never start a bucket name, so these paths never shadow a bucket.
public enum AdminAPI {
    public static let pathPrefix = "/-/admin/"

    public struct CreateUser: Codable, Sendable {
        public var name: String

        public init(name: String) {
            self.name = name
        }
    }

    /// A user as listed; the secret key appears only in the answer to its creation.
    public struct UserInfo: Codable, Sendable {
        public var name: String
        public var accessKey: String
        public var secretKey: String?
        public var createdAt: Date

        public init(name: String, accessKey: String, secretKey: String?, createdAt: Date) {
            self.name = name
            self.accessKey = accessKey
            self.secretKey = secretKey
            self.createdAt = createdAt
        }
    }

    public struct ErrorBody: Codable, Sendable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
