@preconcurrency import Crypto

extension KeyManagementService {
    /// A new object's envelope (without segments yet) and its data key, for `principal` writing it.
    ///
    /// Throws `KMSError` when the principal may not use the KMS key or the key is disabled or unknown.
    /// `chunkSize` must lie between 16 bytes and 16 MiB; tests use small chunks to cross many boundaries.
    public func newEnvelope(
        _ request: EncryptionRequest,
        principal: String,
        chunkSize: Int = EncryptionEnvelope.defaultChunkSize
    ) throws -> (envelope: EncryptionEnvelope, dataKey: SymmetricKey) {
        switch request {
        case .sseS3:
            let (dataKey, wrapped) = try generateManagedDataKey()
            return (EncryptionEnvelope(dataKey: .wrapped(wrapped), chunkSize: chunkSize), dataKey)
        case .sseKMS(let keyIdOrAlias):
            let (dataKey, wrapped) = try generateDataKey(keyIdOrAlias: keyIdOrAlias, principal: principal)
            return (EncryptionEnvelope(dataKey: .wrapped(wrapped), chunkSize: chunkSize), dataKey)
        case .sseC(let customerKey):
            return try EncryptionEnvelope.sealed(for: customerKey, chunkSize: chunkSize)
        }
    }

    /// The data key of a stored object for `principal` reading it, with the customer key the request carried, if any.
    ///
    /// Throws `KMSError` (no grant, disabled key) for SSE-KMS and `EncryptionError` for SSE-C (missing or wrong key)
    /// or a customer key sent for an object that is not SSE-C.
    public func dataKey(for envelope: EncryptionEnvelope, principal: String, customerKey: CustomerKey?) throws -> SymmetricKey {
        switch envelope.dataKey {
        case .wrapped(let wrapped):
            guard customerKey == nil else {
                throw EncryptionError(.customerKeyNotApplicable, "The encryption parameters are not applicable to this object")
            }
            return wrapped.isServerManaged ? try unwrapManaged(wrapped) : try unwrap(wrapped, principal: principal)
        case .customer(let sealed, let check):
            guard let customerKey else {
                throw EncryptionError(
                    .customerKeyRequired,
                    "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object."
                )
            }
            return try envelope.openCustomerDataKey(sealed: sealed, check: check, with: customerKey)
        }
    }
}
