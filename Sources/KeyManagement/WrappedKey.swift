@preconcurrency import Crypto
import Foundation

/// A data key sealed (AES-256-GCM) with a KMS key or the server-managed key, naming the key that sealed it.
///
/// Bytes: version (1), kind (1 = KMS key, 2 = server-managed), id length, id (UTF-8), then nonce, sealed key and tag.
/// Everything before the nonce is authenticated, so the id cannot be swapped for another key's.
public struct WrappedKey: Sendable, Hashable {
    enum Kind: UInt8, Sendable {
        case kms = 1
        case managed = 2
    }

    static let formatVersion: UInt8 = 1
    static let sealedByteCount = 12 + 32 + 16

    let kind: Kind
    /// The KMS key id, or the id of the server-managed key.
    public let keyId: String
    /// Nonce, ciphertext and tag.
    let sealed: [UInt8]

    /// Whether the server-managed key (SSE-S3 / SSE-OBS) sealed this key, rather than a KMS key.
    public var isServerManaged: Bool { kind == .managed }

    /// The serialised form, to store next to the object.
    public var bytes: [UInt8] { Self.header(kind: kind, keyId: keyId) + sealed }

    /// Parses the serialised form; InvalidCiphertextException if it is malformed.
    public init(bytes: some Collection<UInt8>) throws(KMSError) {
        let bytes = Array(bytes)
        guard bytes.count > 3, bytes[0] == Self.formatVersion, let kind = Kind(rawValue: bytes[1]) else {
            throw KMSError(.invalidCiphertext, "The wrapped data key is malformed (unknown format)")
        }
        let idEnd = 3 + Int(bytes[2])
        guard bytes.count == idEnd + Self.sealedByteCount, let keyId = String(validating: bytes[3..<idEnd], as: UTF8.self) else {
            throw KMSError(.invalidCiphertext, "The wrapped data key is malformed (\(bytes.count) bytes)")
        }
        self.kind = kind
        self.keyId = keyId
        self.sealed = Array(bytes[idEnd...])
    }

    private init(kind: Kind, keyId: String, sealed: [UInt8]) {
        self.kind = kind
        self.keyId = keyId
        self.sealed = sealed
    }

    static func seal(_ dataKey: SymmetricKey, kind: Kind, keyId: String, with masterKey: SymmetricKey) throws(KMSError) -> WrappedKey {
        do {
            let box = try dataKey.withUnsafeBytes { plaintext in
                try AES.GCM.seal(plaintext, using: masterKey, authenticating: header(kind: kind, keyId: keyId))
            }
            return WrappedKey(kind: kind, keyId: keyId, sealed: Array(box.combined!))
        } catch {
            throw KMSError(.internal, "Cannot wrap a data key with \(keyId): \(error)", keyId: keyId)
        }
    }

    func open(with masterKey: SymmetricKey) throws(KMSError) -> SymmetricKey {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return SymmetricKey(data: try AES.GCM.open(box, using: masterKey, authenticating: Self.header(kind: kind, keyId: keyId)))
        } catch {
            throw KMSError(.invalidCiphertext, "The data key wrapped by \(keyId) fails authentication: it is damaged", keyId: keyId)
        }
    }

    private static func header(kind: Kind, keyId: String) -> [UInt8] {
        let id = Array(keyId.utf8.prefix(255))
        return [formatVersion, kind.rawValue, UInt8(id.count)] + id
    }
}
