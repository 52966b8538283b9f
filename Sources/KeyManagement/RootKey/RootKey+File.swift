import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Root key files: 32 raw bytes, or the key as text (64 hexadecimal digits or base64) with an optional newline.
extension RootKey {
    /// The key in the file at `path`.
    /// - Throws: `unavailable` when the file is missing or unreadable, `invalidKey` when it holds no root key.
    public init(contentsOfFile path: String) throws(RootKeyError) {
        let bytes: [UInt8]?
        do {
            bytes = try PrivateFile.read(path)
        } catch {
            throw RootKeyError(.unavailable, "Cannot read the root key file: \(error)")
        }
        guard let bytes else {
            throw RootKeyError(
                .unavailable,
                "The root key file \(path) does not exist. Give the file the data root was created with, or make a new key for"
                    + " a new data root: (umask 077; openssl rand -base64 32 > \(path))"
            )
        }
        if bytes.count == Self.byteCount {
            try self.init(bytes: bytes)
        } else {
            try self.init(text: String(decoding: bytes, as: UTF8.self), source: "The root key file \(path)")
        }
    }

    /// The key in `path`, created at random (base64 text, mode 0600, in a folder made 0700) if the file does not exist.
    ///
    /// Two processes starting at once agree on one key: the file appears complete or not at all, and only one is made.
    public static func loadOrCreate(file path: String) throws(RootKeyError) -> (key: RootKey, created: Bool) {
        let folder = (path as NSString).deletingLastPathComponent
        if !FileManager.default.fileExists(atPath: path) {
            let key = RootKey.generate()
            do {
                try PrivateFile.createDirectory(folder)
                if try PrivateFile.create(Array((key.base64 + "\n").utf8), at: path) {
                    return (key, true)
                }
            } catch {
                throw RootKeyError(.storage, "Cannot create the root key file \(path): \(error)")
            }
        }
        return (try RootKey(contentsOfFile: path), false)
    }

    /// The permission bits of a root key file when others than its owner may read or write it, else nil.
    public static func unsafeMode(ofFile path: String) -> String? {
        guard let mode = PrivateFile.mode(of: path), mode & 0o077 != 0 else { return nil }
        return String(mode, radix: 8)
    }
}
