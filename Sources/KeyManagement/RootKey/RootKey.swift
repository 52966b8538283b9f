@preconcurrency import Crypto
import Foundation

/// The 256-bit key that seals the secrets a data root keeps: KMS key material and users' secret keys.
///
/// It lives outside the data root (a file in the user's configuration folder, a file named by a flag, or the
/// environment), so a copy of the data root alone holds no usable key. Sealing is AES-256-GCM with the purpose and
/// the name of what is sealed (`kms-material:<key id>`, `user-secret:<access key>`) as associated data, so a sealed
/// value cannot be passed off as another one.
public struct RootKey: Sendable {
    static let byteCount = 32
    /// Sealed bytes: this version, then nonce (12), ciphertext and tag (16).
    private static let sealedFormatVersion: UInt8 = 1
    private static let checkLabel = Array("obslab root key check v1".utf8)

    let key: SymmetricKey

    /// A root key of exactly 32 bytes.
    public init(bytes: some Collection<UInt8>) throws(RootKeyError) {
        guard bytes.count == Self.byteCount else {
            throw RootKeyError(.invalidKey, "A root key has 256 bits (32 bytes), not \(bytes.count) bytes")
        }
        key = SymmetricKey(data: Array(bytes))
    }

    /// A root key written as text: 64 hexadecimal digits, or the base64 of 32 bytes. Surrounding white space is ignored.
    /// - Parameter source: what the text came from (a file, an environment variable), for the error message; the text
    ///   itself never appears in a message.
    public init(text: String, source: String) throws(RootKeyError) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let bytes = Self.hexBytes(text) ?? Data(base64Encoded: text).map(Array.init), bytes.count == Self.byteCount {
            try self.init(bytes: bytes)
        } else {
            throw RootKeyError(
                .invalidKey,
                "\(source) does not hold a root key: expected 256 bits as 64 hexadecimal digits or 44 characters of base64"
                    + " (make one with `openssl rand -base64 32`)"
            )
        }
    }

    /// A new random key.
    public static func generate() -> RootKey {
        RootKey(key: SymmetricKey(size: .bits256))
    }

    private init(key: SymmetricKey) {
        self.key = key
    }

    /// The key in base64, as obslab writes the root key files it creates.
    var base64: String {
        key.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// A value that identifies the key without revealing anything of it: HMAC-SHA256 of a fixed label.
    var checkValue: [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Self.checkLabel, using: key))
    }

    /// `plaintext` sealed for `context`, which `open` must be given again.
    public func seal(_ plaintext: some DataProtocol, context: String) -> [UInt8] {
        // AES-GCM sealing with a fresh random nonce and a 256-bit key cannot fail.
        let box = try! AES.GCM.seal(plaintext, using: key, authenticating: Self.associatedData(context))
        return [Self.sealedFormatVersion] + Array(box.combined!)
    }

    /// The plaintext of `sealed`, or nil if it was not sealed by this key for this context (or is damaged).
    public func open(_ sealed: [UInt8], context: String) -> [UInt8]? {
        guard sealed.count >= 1 + 12 + 16, sealed[0] == Self.sealedFormatVersion,
            let box = try? AES.GCM.SealedBox(combined: sealed[1...]),
            let plaintext = try? AES.GCM.open(box, using: key, authenticating: Self.associatedData(context))
        else { return nil }
        return Array(plaintext)
    }

    private static func associatedData(_ context: String) -> [UInt8] {
        [sealedFormatVersion] + Array("obslab root key:".utf8) + Array(context.utf8)
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        let isHexDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) }
        guard digits.count == 2 * byteCount, digits.allSatisfy(isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
