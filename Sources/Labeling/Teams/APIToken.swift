import Crypto
import Foundation

/// User API tokens: 256 random bits, shown once, stored only as their SHA-256.
///
/// A plain (unsalted, fast) hash is enough here: the tokens are random and long, so no dictionary or brute force reaches
/// them, and a fast hash lets each request find its user by one indexed lookup.
enum APIToken {
    /// Tokens start with this, to tell them apart from the owner's token in logs and support questions.
    static let prefix = "obslab-user-"

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
