import Crypto
import Synchronization

/// SigV4 signing keys already derived, by secret and credential scope: a key costs four HMACs and serves a client all
/// day, and deriving it again for every request was a few percent of a presigned GET.
final class SigningKeyCache: Sendable {
    /// The keys' bytes (SymmetricKey is not Sendable).
    private let keys = Mutex<[String: [UInt8]]>([:])
    /// More than this many empties the cache rather than growing it (a client uses one key a day and region).
    private static let capacity = 256

    /// The signing key of `secret` for the scope's day, region and service.
    func key(secret: String, date: String, region: String, service: String) -> SymmetricKey {
        let name = [secret, date, region, service].joined(separator: "\u{0}")
        if let bytes = keys.withLock({ $0[name] }) { return SymmetricKey(data: bytes) }
        let key = SignatureV4.signingKey(secretKey: secret, date: date, region: region, service: service)
        let bytes = key.withUnsafeBytes { Array($0) }
        keys.withLock { keys in
            if keys.count >= Self.capacity { keys.removeAll() }
            keys[name] = bytes
        }
        return key
    }
}
