/// A failed S3 call: the error the server answered (its S3 code, message, status and the other elements of its
/// `<Error>` body), or the client's own failure to get an answer it can read.
public struct S3ClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The S3 code the server answered (`NoSuchKey`, `KMS.AccessDeniedException`, ...), `HTTP<status>` for an error
    /// answer without an S3 error body, or one of the client's own codes below.
    public var code: String
    public var message: String
    /// The HTTP status of the answer; nil when there was none.
    public var status: Int?
    /// The other elements of the error body (`KMSKeyId`, `Principal`, `Key`, `Resource`, `RequestId`...).
    public var details: [String: String]

    public init(code: String, message: String, status: Int? = nil, details: [String: String] = [:]) {
        self.code = code
        self.message = message
        self.status = status
        self.details = details
    }

    public var description: String { "\(code): \(message)" }

    /// The server could not be reached (no answer at all).
    public static let unreachableCode = "ServiceUnavailable"
    /// The server answered a body that is not the document the call expects.
    public static let malformedResponseCode = "MalformedResponse"
    /// The answer's body is larger than the caller accepts.
    public static let responseTooLargeCode = "ResponseTooLarge"
    /// The endpoint is not a URL with a host.
    public static let invalidEndpointCode = "InvalidEndpoint"

    /// Whether the server could not be reached at all.
    public var isUnreachable: Bool { status == nil && code == Self.unreachableCode }

    static func malformed(_ what: String, status: Int) -> S3ClientError {
        S3ClientError(code: malformedResponseCode, message: "The storage answered \(what) obslab cannot read", status: status)
    }
}
