/// An error of the key management service, named after the AWS KMS exception it corresponds to.
public struct KMSError: Error, Sendable, CustomStringConvertible {
    /// An AWS KMS error code; `rawValue` is the exception name (`.notFound.rawValue == "NotFoundException"`).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case notFound = "NotFoundException"
            case disabled = "DisabledException"
            case accessDenied = "AccessDeniedException"
            case alreadyExists = "AlreadyExistsException"
            case invalidKeyUsage = "InvalidKeyUsageException"
            case invalidCiphertext = "InvalidCiphertextException"
            case validation = "ValidationException"
            case `internal` = "KMSInternalException"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public var rawValue: String { value.rawValue }
        public var description: String { value.rawValue }

        /// No key has this id, alias or ARN, or a principal has no grant to revoke.
        public static let notFound = Code(.notFound)
        /// The key exists but is disabled.
        public static let disabled = Code(.disabled)
        /// The principal is neither the key's owner nor holds a grant on it.
        public static let accessDenied = Code(.accessDenied)
        /// An alias is already taken.
        public static let alreadyExists = Code(.alreadyExists)
        /// A wrapped key was handed to the wrong kind of unwrap (server-managed versus KMS key).
        public static let invalidKeyUsage = Code(.invalidKeyUsage)
        /// A wrapped key is malformed or fails authentication.
        public static let invalidCiphertext = Code(.invalidCiphertext)
        /// A malformed alias, principal or key reference.
        public static let validation = Code(.validation)
        /// The key store on disk is unreadable, corrupt or could not be written.
        public static let `internal` = Code(.internal)
    }

    public let code: Code
    public let message: String
    /// The key id (or the reference given, when it names no key) the error is about.
    public let keyId: String?
    /// The principal that was refused, for access errors.
    public let principal: String?

    public init(_ code: Code, _ message: String, keyId: String? = nil, principal: String? = nil) {
        self.code = code
        self.message = message
        self.keyId = keyId
        self.principal = principal
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

extension KMSError {
    static func notFound(_ reference: String) -> KMSError {
        KMSError(.notFound, "Key '\(reference)' does not exist", keyId: reference)
    }

    static func storage(_ message: String) -> KMSError {
        KMSError(.internal, message)
    }
}
