/// An S3 error raised by the wire protocol: bad signature, malformed aws-chunked body, wrong digest.
///
/// `code` is the S3 error code the server puts in its XML body; `details` holds the extra elements S3 adds
/// to some errors (`StringToSign`, `CanonicalRequest`, `ClientComputedContentSHA256`, ...).
public struct S3ProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The S3 error code, such as `SignatureDoesNotMatch`.
        public let rawValue: String
        /// The HTTP status S3 answers with.
        public let httpStatus: Int

        init(_ rawValue: String, _ httpStatus: Int) {
            self.rawValue = rawValue
            self.httpStatus = httpStatus
        }

        public var description: String { self.rawValue }

        public static let signatureDoesNotMatch = Code("SignatureDoesNotMatch", 403)
        public static let invalidAccessKeyId = Code("InvalidAccessKeyId", 403)
        public static let accessDenied = Code("AccessDenied", 403)
        public static let requestTimeTooSkewed = Code("RequestTimeTooSkewed", 403)
        public static let authorizationHeaderMalformed = Code("AuthorizationHeaderMalformed", 400)
        public static let authorizationQueryParametersError = Code("AuthorizationQueryParametersError", 400)
        public static let missingSecurityHeader = Code("MissingSecurityHeader", 400)
        public static let xAmzContentSHA256Mismatch = Code("XAmzContentSHA256Mismatch", 400)
        public static let invalidRequest = Code("InvalidRequest", 400)
        public static let invalidArgument = Code("InvalidArgument", 400)
        public static let incompleteBody = Code("IncompleteBody", 400)
        public static let invalidChunkSizeError = Code("InvalidChunkSizeError", 403)
        public static let malformedTrailerError = Code("MalformedTrailerError", 400)
        public static let badDigest = Code("BadDigest", 400)
        public static let invalidDigest = Code("InvalidDigest", 400)
    }

    public var code: Code
    public var message: String
    /// Extra elements for the XML error body, in a stable order.
    public var details: [(name: String, value: String)]

    public init(_ code: Code, _ message: String, details: [(name: String, value: String)] = []) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var description: String {
        ([self.code.rawValue + ": " + self.message] + self.details.map { "\($0.name): \($0.value)" }).joined(separator: "\n")
    }

    public static func == (lhs: S3ProtocolError, rhs: S3ProtocolError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message
            && lhs.details.map(\.name) == rhs.details.map(\.name) && lhs.details.map(\.value) == rhs.details.map(\.value)
    }
}

/// The name the server uses for authentication failures; the same type as every other protocol error.
public typealias AuthError = S3ProtocolError
