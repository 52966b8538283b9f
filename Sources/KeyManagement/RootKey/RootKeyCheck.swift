import Foundation

/// `.obslab/root-key-check.json`: which root key sealed a data root's secrets, as an HMAC of a fixed label under that
/// key, which tells a wrong root key apart from damaged files and reveals nothing of the key.
///
/// It is written once every secret of the data root has been sealed (or checked) with the root key: a data root
/// without it was made by a version of obslab before root keys, or is new.
public struct RootKeyCheck: Sendable {
    private struct Document: Codable {
        static let currentFormatVersion = 1

        var formatVersion: Int
        /// Base64 of HMAC-SHA256("obslab root key check v1") under the root key.
        var check: String
    }

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Whether the data root has a check (false: it has none yet, and any root key may seal its secrets).
    /// - Throws: `wrongRootKey` when the check names another root key; `undecryptable` when the file is damaged.
    public func verify(_ rootKey: RootKey, dataRoot: String) throws(RootKeyError) -> Bool {
        let bytes: [UInt8]?
        do {
            bytes = try PrivateFile.read(path)
        } catch {
            throw RootKeyError(.unavailable, "Cannot read the root key check: \(error)")
        }
        guard let bytes else { return false }
        guard let document = try? JSONDecoder().decode(Document.self, from: Data(bytes)),
            document.formatVersion == Document.currentFormatVersion,
            let check = Data(base64Encoded: document.check)
        else {
            throw RootKeyError(
                .undecryptable,
                "The root key check \(path) is damaged; nothing was changed (restore it from a backup of the data root)"
            )
        }
        guard Array(check) == rootKey.checkValue else { throw .wrongRootKey(dataRoot: dataRoot) }
        return true
    }

    /// Records `rootKey` as the data root's root key.
    public func write(_ rootKey: RootKey) throws(RootKeyError) {
        let document = Document(formatVersion: Document.currentFormatVersion, check: Data(rootKey.checkValue).base64EncodedString())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try PrivateFile.write(Array(try encoder.encode(document)) + [0x0A], to: path)
        } catch {
            throw RootKeyError(.storage, "Cannot write the root key check \(path): \(error)")
        }
    }
}
