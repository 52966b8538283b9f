/// Why a root key cannot be had or used: the start-up errors of a data root's keys. Messages never contain key bytes.
public struct RootKeyError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case wrongRootKey
            case invalidKey
            case unavailable
            case undecryptable
            case storage
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public var description: String { value.rawValue }

        /// The data root's secrets are sealed under another root key.
        public static let wrongRootKey = Code(.wrongRootKey)
        /// The text or file given as a root key is not 256 bits in a known encoding.
        public static let invalidKey = Code(.invalidKey)
        /// The root key file is missing or unreadable, or there is no configuration folder for the default one.
        public static let unavailable = Code(.unavailable)
        /// A sealed secret fails authentication: damaged, or sealed under another root key.
        public static let undecryptable = Code(.undecryptable)
        /// A file of the key store could not be written.
        public static let storage = Code(.storage)
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension RootKeyError {
    /// The one answer to a data root opened with a root key other than the one that sealed its keys.
    public static func wrongRootKey(dataRoot: String) -> RootKeyError {
        RootKeyError(
            .wrongRootKey,
            "Cannot open the data root \(dataRoot): the data root's keys are encrypted under another root key; give the one it was"
                + " created with via --root-key-file or OBSLAB_ROOT_KEY. Nothing was changed, and nothing is created anew:"
                + " without that root key its KMS keys, users' secret keys and encrypted objects cannot be read."
        )
    }
}
