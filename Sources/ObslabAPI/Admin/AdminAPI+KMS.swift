import Foundation

/// The KMS documents of the admin API (`/-/admin/kms/keys…`).
extension AdminAPI {
    /// A KMS key as the admin API shows it.
    public struct KeyInfo: Codable, Sendable {
        public var id: String
        public var arn: String
        /// Alias names without the `alias/` prefix (`testkey-1`, `obs/default`).
        public var aliases: [String]
        /// The principal that owns the key and may always use it.
        public var owner: String
        /// `Enabled` or `Disabled`.
        public var state: String
        public var creationDate: Date
        public var description: String
        /// Principals other than the owner that may encrypt and decrypt with the key, sorted.
        public var grants: [String]

        public init(
            id: String,
            arn: String,
            aliases: [String],
            owner: String,
            state: String,
            creationDate: Date,
            description: String,
            grants: [String]
        ) {
            self.id = id
            self.arn = arn
            self.aliases = aliases
            self.owner = owner
            self.state = state
            self.creationDate = creationDate
            self.description = description
            self.grants = grants
        }
    }

    /// The body of `POST kms/keys`; the new key is owned by the server's owner principal.
    public struct CreateKey: Codable, Sendable {
        /// `name` or `alias/name`.
        public var alias: String?
        public var description: String?

        public init(alias: String? = nil, description: String? = nil) {
            self.alias = alias
            self.description = description
        }
    }
}
