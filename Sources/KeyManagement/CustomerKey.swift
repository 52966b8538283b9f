@preconcurrency import Crypto
import Foundation

/// A customer-provided key (SSE-C): 256 bits sent with every request, never stored.
public struct CustomerKey: Sendable {
    public let key: SymmetricKey
    /// Base64 of the key's MD5, as in `x-amz-server-side-encryption-customer-key-MD5`.
    public let keyMD5: String

    public init(key: SymmetricKey) throws(EncryptionError) {
        guard key.bitCount == 256 else {
            throw EncryptionError(.invalidCustomerKey, "The secret key was invalid for the specified algorithm: it must be 256 bits")
        }
        self.key = key
        self.keyMD5 = key.withUnsafeBytes { Data(Insecure.MD5.hash(data: $0)).base64EncodedString() }
    }

    /// Parses the key header; `base64KeyMD5`, when given, must be the MD5 of the key.
    public init(base64Key: String, base64KeyMD5: String?) throws(EncryptionError) {
        guard let bytes = Data(base64Encoded: base64Key), bytes.count == 32 else {
            throw EncryptionError(.invalidCustomerKey, "The secret key was invalid for the specified algorithm: it must be 256 bits in base64")
        }
        try self.init(key: SymmetricKey(data: bytes))
        if let base64KeyMD5, base64KeyMD5 != keyMD5 {
            throw EncryptionError(.customerKeyMD5Mismatch, "The calculated MD5 hash of the key did not match the hash that was provided")
        }
    }
}
