import Foundation

/// One key as `keys.json` stores it. Its 32 bytes of material live in a file of their own, sealed under the root key.
struct KeyRecord: Codable, Sendable, Hashable {
    var id: String
    var aliases: [String]
    var owner: String
    var state: KMSKey.State
    var creationDate: Date
    var description: String
    var grants: [String]

    func allows(_ principal: String) -> Bool {
        principal == owner || grants.contains(principal)
    }

    /// `alias/<first alias>` or the id: how messages name the key.
    var displayName: String {
        aliases.first.map { "alias/\($0)" } ?? id
    }

    func view(arnPrefix: String) -> KMSKey {
        KMSKey(
            id: id,
            arn: arnPrefix + id,
            aliases: aliases,
            owner: owner,
            state: state,
            creationDate: creationDate,
            description: description,
            grants: grants
        )
    }
}

/// The whole of `keys.json`.
struct KeyStoreDocument: Codable, Sendable, Hashable {
    /// The server-managed key behind SSE-S3 / SSE-OBS; it has no owner and no grants.
    struct ManagedKey: Codable, Sendable, Hashable {
        var id: String
        var creationDate: Date
    }

    /// 2: material sealed under the root key; 1: material in the clear (before root keys), sealed when opened.
    static let currentFormatVersion = 2
    static let readableFormatVersions = 1...2

    var formatVersion: Int
    var managedKey: ManagedKey
    var keys: [KeyRecord]
}
