@preconcurrency import Crypto

extension EncryptionEnvelope {
    private static let customerAuthenticatedData = Array("obslab sse-c data key v1".utf8)

    /// An SSE-C envelope: a random data key sealed with the customer key, and the check that recognises that key.
    static func sealed(
        for customerKey: CustomerKey,
        chunkSize: Int
    ) throws(EncryptionError) -> (envelope: EncryptionEnvelope, dataKey: SymmetricKey) {
        let dataKey = SymmetricKey(size: .bits256)
        let box: AES.GCM.SealedBox
        do {
            box = try dataKey.withUnsafeBytes { try AES.GCM.seal($0, using: customerKey.key, authenticating: customerAuthenticatedData) }
        } catch {
            throw EncryptionError(.cryptoFailure, "Cannot seal a data key with the customer key: \(error)")
        }
        let envelope = EncryptionEnvelope(
            dataKey: .customer(sealed: Array(box.combined!), check: CustomerKeyCheck(for: customerKey)),
            chunkSize: chunkSize
        )
        return (envelope, dataKey)
    }

    /// The data key of an SSE-C envelope, if `customerKey` is the key it was stored with.
    func openCustomerDataKey(sealed: [UInt8], check: CustomerKeyCheck, with customerKey: CustomerKey) throws(EncryptionError) -> SymmetricKey {
        guard check.matches(customerKey) else {
            throw EncryptionError(
                .customerKeyMismatch,
                "The customer key (MD5 \(customerKey.keyMD5)) is not the key this object was stored with (MD5 \(check.keyMD5))"
            )
        }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return SymmetricKey(data: try AES.GCM.open(box, using: customerKey.key, authenticating: Self.customerAuthenticatedData))
        } catch {
            throw EncryptionError(.corruptEnvelope, "The data key sealed with the customer key fails authentication: the envelope is damaged")
        }
    }
}
