@preconcurrency import Crypto
import Foundation
import Logging
import Synchronization

extension KeyManagementService {
    /// Creates an enabled key owned by `owner`, with an optional alias (`alias/name` or `name`).
    @discardableResult
    public func createKey(alias: String?, owner: String, description: String = "") throws(KMSError) -> KMSKey {
        try Self.validatePrincipal(owner)
        let aliasName: String?
        if let alias {
            guard case .alias(let name) = try KeyReference(alias) else {
                throw KMSError(.validation, "'\(alias)' is a key id or key ARN, not an alias", keyId: alias)
            }
            aliasName = name
        } else {
            aliasName = nil
        }
        let record = try mutate { (state: inout State) throws(KMSError) -> KeyRecord in
            try insertKey(alias: aliasName, owner: owner, description: description, into: &state)
        }
        logger.info(
            "Created KMS key",
            metadata: ["kms.key.id": "\(record.id)", "kms.key.alias": "\(aliasName ?? "")", "kms.owner": "\(owner)"]
        )
        return record.view(arnPrefix: arnPrefix)
    }

    /// Every key in creation order; the server-managed key is not among them.
    public func listKeys() -> [KMSKey] {
        state.withLock { state in state.document.keys.map { $0.view(arnPrefix: arnPrefix) } }
    }

    /// The key named by an id, alias (`alias/name` or `name`) or ARN.
    public func describeKey(_ idOrAlias: String) throws(KMSError) -> KMSKey {
        try record(idOrAlias).view(arnPrefix: arnPrefix)
    }

    @discardableResult
    public func enableKey(_ idOrAlias: String) throws(KMSError) -> KMSKey {
        try update(idOrAlias, event: "Enabled KMS key") { record in record.state = .enabled }
    }

    /// Disables a key: nobody, not even its owner, may encrypt or decrypt with it until it is enabled again.
    @discardableResult
    public func disableKey(_ idOrAlias: String) throws(KMSError) -> KMSKey {
        try update(idOrAlias, event: "Disabled KMS key") { record in record.state = .disabled }
    }

    /// Allows `principal` to encrypt and decrypt with the key. Granting twice, or to the owner, changes nothing.
    @discardableResult
    public func grant(key idOrAlias: String, principal: String) throws(KMSError) -> KMSKey {
        try Self.validatePrincipal(principal)
        return try update(idOrAlias, event: "Granted KMS key", principal: principal) { record in
            if record.owner != principal, !record.grants.contains(principal) {
                record.grants.append(principal)
                record.grants.sort()
            }
        }
    }

    /// Withdraws the grant of `principal`; NotFoundException if it has none. The owner's right cannot be revoked.
    @discardableResult
    public func revoke(key idOrAlias: String, principal: String) throws(KMSError) -> KMSKey {
        try Self.validatePrincipal(principal)
        return try update(idOrAlias, event: "Revoked KMS grant", principal: principal) { (record: inout KeyRecord) throws(KMSError) in
            if principal == record.owner {
                throw KMSError(
                    .validation,
                    "\(principal) owns \(record.displayName) and always may use it; its right cannot be revoked",
                    keyId: record.id,
                    principal: principal
                )
            }
            guard let index = record.grants.firstIndex(of: principal) else {
                throw KMSError(
                    .notFound,
                    "\(principal) has no grant on \(record.displayName) (\(record.id)) to revoke",
                    keyId: record.id,
                    principal: principal
                )
            }
            record.grants.remove(at: index)
        }
    }

    func record(_ idOrAlias: String) throws(KMSError) -> KeyRecord {
        let reference = try KeyReference(idOrAlias)
        guard let record = state.withLock({ $0.record(reference) }) else { throw .notFound(idOrAlias) }
        return record
    }

    /// Adds a new key and its material to `state` (`mutate` writes both).
    func insertKey(alias: String?, owner: String, description: String, into state: inout State) throws(KMSError) -> KeyRecord {
        if let alias, let existing = state.record(.alias(alias)) {
            throw KMSError(.alreadyExists, "Alias alias/\(alias) already names key \(existing.id)", keyId: existing.id)
        }
        let record = KeyRecord(
            id: Self.newKeyId(),
            aliases: alias.map { [$0] } ?? [],
            owner: owner,
            state: .enabled,
            creationDate: Self.now(),
            description: description,
            grants: []
        )
        state.document.keys.append(record)
        state.material[record.id] = SymmetricKey(size: .bits256)
        return record
    }

    private func update(
        _ idOrAlias: String,
        event: Logger.Message,
        principal: String? = nil,
        _ change: (inout KeyRecord) throws(KMSError) -> Void
    ) throws(KMSError) -> KMSKey {
        let reference = try KeyReference(idOrAlias)
        let record = try mutate { (state: inout State) throws(KMSError) -> KeyRecord in
            guard let found = state.record(reference), let index = state.index(of: found.id) else { throw .notFound(idOrAlias) }
            try change(&state.document.keys[index])
            return state.document.keys[index]
        }
        var metadata: Logger.Metadata = ["kms.key.id": "\(record.id)", "kms.key.state": "\(record.state.rawValue)"]
        if let principal { metadata["kms.principal"] = "\(principal)" }
        logger.info(event, metadata: metadata)
        return record.view(arnPrefix: arnPrefix)
    }
}
