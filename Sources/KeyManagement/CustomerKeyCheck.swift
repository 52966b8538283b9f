@preconcurrency import Crypto
import Foundation

/// What is kept of a customer key (SSE-C) to recognise it later: its MD5 and an HMAC-SHA256 keyed by it over a
/// random salt. A wrong key is told apart from a damaged envelope, and the key itself is never stored.
struct CustomerKeyCheck: Sendable, Hashable {
    private static let label = Array("obslab sse-c key check v1".utf8)

    let keyMD5: String
    let salt: [UInt8]
    let mac: [UInt8]

    init(keyMD5: String, salt: [UInt8], mac: [UInt8]) {
        self.keyMD5 = keyMD5
        self.salt = salt
        self.mac = mac
    }

    init(for customerKey: CustomerKey) {
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        let mac = HMAC<SHA256>.authenticationCode(for: Self.label + salt, using: customerKey.key)
        self.init(keyMD5: customerKey.keyMD5, salt: salt, mac: Array(mac))
    }

    func matches(_ customerKey: CustomerKey) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.label + salt, using: customerKey.key)
    }
}
