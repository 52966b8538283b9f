/// A refused access-control document or request: a malformed policy, a bad grant, an unknown grantee.
///
/// `code` is the S3 error code the server answers with (`MalformedPolicy`, `InvalidArgument`, …); the S3 front renders it.
public struct AccessControlError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case malformedPolicy = "MalformedPolicy"
            case malformedACL = "MalformedACLError"
            case invalidArgument = "InvalidArgument"
            case invalidRequest = "InvalidRequest"
            case unresolvableGrantByEmailAddress = "UnresolvableGrantByEmailAddress"
            case unexpectedContent = "UnexpectedContent"
            case internalError = "InternalError"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The S3 code, as it appears in `<Code>`.
        public var rawValue: String { value.rawValue }
        public var description: String { value.rawValue }

        public static let malformedPolicy = Code(.malformedPolicy)
        public static let malformedACL = Code(.malformedACL)
        public static let invalidArgument = Code(.invalidArgument)
        public static let invalidRequest = Code(.invalidRequest)
        public static let unresolvableGrantByEmailAddress = Code(.unresolvableGrantByEmailAddress)
        public static let unexpectedContent = Code(.unexpectedContent)
        public static let internalError = Code(.internalError)
    }

    public let code: Code
    public let message: String
    /// S3's `ArgumentName` / `ArgumentValue` of an InvalidArgument.
    public let argumentName: String?
    public let argumentValue: String?

    public init(_ code: Code, _ message: String, argumentName: String? = nil, argumentValue: String? = nil) {
        self.code = code
        self.message = message
        self.argumentName = argumentName
        self.argumentValue = argumentValue
    }

    public var description: String { "\(code): \(message)" }

    /// A policy S3 would refuse, with S3's own words.
    static func malformedPolicy(_ message: String) -> AccessControlError {
        AccessControlError(.malformedPolicy, message)
    }

    /// Stored data this module did not write (a hand-edited catalog): a server fault, not the client's.
    static func internalInconsistency(_ message: String) -> AccessControlError {
        AccessControlError(.internalError, message)
    }
}
