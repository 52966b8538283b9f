/// An error of object encryption: customer keys (SSE-C), damaged ciphertext, malformed envelopes.
public struct EncryptionError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case invalidCustomerKey = "InvalidCustomerKey"
            case customerKeyMD5Mismatch = "CustomerKeyMD5Mismatch"
            case customerKeyRequired = "CustomerKeyRequired"
            case customerKeyMismatch = "CustomerKeyMismatch"
            case customerKeyNotApplicable = "CustomerKeyNotApplicable"
            case integrityFailure = "IntegrityFailure"
            case corruptEnvelope = "CorruptEnvelope"
            case invalidRange = "InvalidRange"
            case cryptoFailure = "CryptoFailure"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public var rawValue: String { value.rawValue }
        public var description: String { value.rawValue }

        /// The customer key is not base64 or not 256 bits (S3: 400 InvalidArgument).
        public static let invalidCustomerKey = Code(.invalidCustomerKey)
        /// The key MD5 sent does not match the customer key (S3: 400 InvalidArgument).
        public static let customerKeyMD5Mismatch = Code(.customerKeyMD5Mismatch)
        /// The object is SSE-C encrypted and no customer key was given (S3: 400 InvalidRequest).
        public static let customerKeyRequired = Code(.customerKeyRequired)
        /// The customer key given is not the one the object was stored with (S3: 403 AccessDenied).
        public static let customerKeyMismatch = Code(.customerKeyMismatch)
        /// A customer key was given for an object that is not SSE-C encrypted (S3: 400 InvalidRequest).
        public static let customerKeyNotApplicable = Code(.customerKeyNotApplicable)
        /// The stored ciphertext was altered, truncated, reordered or belongs to another object.
        public static let integrityFailure = Code(.integrityFailure)
        /// The stored envelope cannot be parsed.
        public static let corruptEnvelope = Code(.corruptEnvelope)
        /// The plaintext range lies outside the object.
        public static let invalidRange = Code(.invalidRange)
        /// AES-GCM itself failed (not an authentication failure).
        public static let cryptoFailure = Code(.cryptoFailure)
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
