import Foundation

/// What the KMS tells about a key: its identity, who owns it, who else may use it, and whether it may be used at all.
public struct KMSKey: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case enabled = "Enabled"
        case disabled = "Disabled"
    }

    /// A lowercase UUID, as AWS key ids are.
    public let id: String
    /// `arn:aws:kms:<region>:000000000000:key/<id>`.
    public let arn: String
    /// Alias names without the `alias/` prefix (`testkey-1`, `obs/default`).
    public let aliases: [String]
    /// The principal that owns the key; it may always use it.
    public let owner: String
    public let state: State
    public let creationDate: Date
    public let description: String
    /// Principals other than the owner allowed to encrypt and decrypt with the key, sorted.
    public let grants: [String]

    /// Whether `principal` may use the key (enabled or not): the owner always may, others only with a grant.
    public func allows(_ principal: String) -> Bool {
        principal == owner || grants.contains(principal)
    }
}
