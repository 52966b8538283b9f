@preconcurrency import Crypto
import Logging
import Synchronization

extension KeyManagementService {
    /// The key `principal` may encrypt with: enabled, and owned by or granted to it.
    ///
    /// `obs/default` is created on first use (owned by the KMS owner), as OBS does.
    @discardableResult
    public func resolveForEncryption(_ idOrAlias: String, principal: String) throws(KMSError) -> KMSKey {
        try authorizedKey(idOrAlias, principal: principal, action: "kms:GenerateDataKey").record.view(arnPrefix: arnPrefix)
    }

    /// A fresh 256-bit data key, and the same key wrapped with the KMS key named by `keyIdOrAlias`.
    public func generateDataKey(keyIdOrAlias: String, principal: String) throws(KMSError) -> (plaintext: SymmetricKey, wrapped: WrappedKey) {
        let (record, material) = try authorizedKey(keyIdOrAlias, principal: principal, action: "kms:GenerateDataKey")
        let dataKey = SymmetricKey(size: .bits256)
        return (dataKey, try WrappedKey.seal(dataKey, kind: .kms, keyId: record.id, with: material))
    }

    /// The data key inside `wrapped`, if `principal` may decrypt with the key that wrapped it and that key is enabled.
    public func unwrap(_ wrapped: WrappedKey, principal: String) throws(KMSError) -> SymmetricKey {
        guard !wrapped.isServerManaged else {
            throw KMSError(.invalidKeyUsage, "This data key is wrapped by the server-managed key, not a KMS key", keyId: wrapped.keyId)
        }
        let (_, material) = try authorizedKey(wrapped.keyId, principal: principal, action: "kms:Decrypt")
        return try wrapped.open(with: material)
    }

    /// A fresh data key wrapped with the server-managed key (SSE-S3 / SSE-OBS): no grant is needed.
    public func generateManagedDataKey() throws(KMSError) -> (plaintext: SymmetricKey, wrapped: WrappedKey) {
        let (id, managedKey) = state.withLock { ($0.document.managedKey.id, $0.managedKey) }
        let dataKey = SymmetricKey(size: .bits256)
        return (dataKey, try WrappedKey.seal(dataKey, kind: .managed, keyId: id, with: managedKey))
    }

    /// The data key inside a key wrapped by `generateManagedDataKey()`; any principal may unwrap it.
    public func unwrapManaged(_ wrapped: WrappedKey) throws(KMSError) -> SymmetricKey {
        guard wrapped.isServerManaged else {
            throw KMSError(.invalidKeyUsage, "This data key is wrapped by KMS key \(wrapped.keyId), not the server-managed key", keyId: wrapped.keyId)
        }
        let (id, managedKey) = state.withLock { ($0.document.managedKey.id, $0.managedKey) }
        guard wrapped.keyId == id else {
            throw KMSError(.notFound, "Server-managed key \(wrapped.keyId) does not exist in this store", keyId: wrapped.keyId)
        }
        return try wrapped.open(with: managedKey)
    }

    /// The record and material of a key that `principal` may use now: the owner or a grantee, and enabled.
    func authorizedKey(_ idOrAlias: String, principal: String, action: String) throws(KMSError) -> (record: KeyRecord, material: SymmetricKey) {
        let reference = try KeyReference(idOrAlias)
        let found = try state.withLock { (state: inout State) throws(KMSError) -> (KeyRecord, SymmetricKey)? in
            guard let record = state.record(reference) else { return nil }
            return (record, try state.material(of: record))
        }
        let (record, material) = if let found { found } else { try createDefaultKey(reference, given: idOrAlias) }
        guard record.allows(principal) else {
            logger.debug("KMS denied", metadata: ["kms.key.id": "\(record.id)", "kms.principal": "\(principal)", "kms.action": "\(action)"])
            throw KMSError(
                .accessDenied,
                "User: \(principal) is not authorized to perform: \(action) on resource: \(arnPrefix + record.id) (\(record.displayName))"
                    + " because the key's owner has not granted it",
                keyId: record.id,
                principal: principal
            )
        }
        guard record.state == .enabled else {
            throw KMSError(.disabled, "\(arnPrefix + record.id) (\(record.displayName)) is disabled.", keyId: record.id, principal: principal)
        }
        return (record, material)
    }

    /// Creates `obs/default` the first time it is named; any other unknown reference is NotFoundException.
    private func createDefaultKey(_ reference: KeyReference, given text: String) throws(KMSError) -> (KeyRecord, SymmetricKey) {
        guard reference == .alias(Self.defaultKeyAlias) else { throw .notFound(text) }
        let (record, material, created) = try mutate { (state: inout State) throws(KMSError) -> (KeyRecord, SymmetricKey, Bool) in
            if let existing = state.record(reference) {
                return (existing, try state.material(of: existing), false)
            }
            let record = try insertKey(alias: Self.defaultKeyAlias, owner: owner, description: "Default key for OBS", into: &state)
            return (record, try state.material(of: record), true)
        }
        if created {
            logger.info("Created KMS key on first use", metadata: ["kms.key.id": "\(record.id)", "kms.key.alias": "\(Self.defaultKeyAlias)"])
        }
        return (record, material)
    }
}
