@preconcurrency import Crypto
import Foundation

/// The KMS directory: `keys.json` (metadata) and `material/<key id>.sealed` (each key's 32 bytes sealed under the
/// root key), files 0600 in folders 0700.
///
/// Every write replaces its file atomically and durably (`PrivateFile`). Material is written before the metadata that
/// names it. Versions of obslab before root keys kept the material in the clear (`material/<key id>.key`, metadata
/// format 1): such files are sealed when the store opens, the sealed file written and synced before the plaintext one
/// is removed, so an interruption at any point leaves a store that opens.
struct KeyDirectory: Sendable {
    static let keyByteCount = 32
    private static let sealedExtension = ".sealed"
    private static let plaintextExtension = ".key"

    let path: String
    let rootKey: RootKey

    var metadataPath: String { path + "/keys.json" }
    var materialDirectory: String { path + "/material" }

    func sealedPath(_ id: String) -> String { materialDirectory + "/" + id + Self.sealedExtension }
    /// Where versions before root keys kept a key's material in the clear.
    func plaintextPath(_ id: String) -> String { materialDirectory + "/" + id + Self.plaintextExtension }

    /// Creates the directories (0700, also when they exist) and removes temporary files left by an interrupted write.
    func prepare() throws(KMSError) {
        for directory in [path, materialDirectory] {
            do {
                try PrivateFile.createDirectory(directory)
            } catch {
                throw .storage("Cannot create the KMS directory: \(error)")
            }
            PrivateFile.removeTemporaryFiles(in: directory)
        }
    }

    /// The metadata, or nil when `keys.json` does not exist.
    func readDocument() throws(KMSError) -> KeyStoreDocument? {
        guard let bytes = try Self.read(metadataPath) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let document: KeyStoreDocument
        do {
            document = try decoder.decode(KeyStoreDocument.self, from: Data(bytes))
        } catch {
            throw .storage("The KMS metadata file \(metadataPath) is corrupt (\(error)); keys cannot be loaded")
        }
        guard KeyStoreDocument.readableFormatVersions.contains(document.formatVersion) else {
            throw .storage(
                "The KMS metadata file \(metadataPath) has format version \(document.formatVersion), expected"
                    + " \(KeyStoreDocument.currentFormatVersion): it was written by a newer obslab"
            )
        }
        return document
    }

    /// Writes the metadata in the current format (material sealed under the root key).
    func writeDocument(_ document: KeyStoreDocument) throws(KMSError) {
        var document = document
        document.formatVersion = KeyStoreDocument.currentFormatVersion
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(document)
        } catch {
            throw .storage("Cannot encode the KMS metadata: \(error)")
        }
        try Self.write(Array(data), to: metadataPath)
    }

    /// Where a key's material stands on disk.
    enum MaterialState: Sendable {
        /// Sealed under the root key: nothing to do.
        case sealed
        /// Sealed, with the identical plaintext file of a conversion interrupted before it removed it.
        case sealedWithPlaintextLeft
        /// In the clear, as versions before root keys kept it.
        case plaintext
    }

    /// The material of key `id` and where it stands; reads only, so a store that cannot open is left as it was.
    /// - Throws: `RootKeyError.undecryptable` when the sealed file fails authentication under the root key,
    ///   `KMSError` when the material is missing or malformed, or two files disagree.
    func readMaterial(_ id: String) throws -> (key: SymmetricKey, state: MaterialState) {
        let sealed = try Self.read(sealedPath(id))
        let plaintext = try Self.read(plaintextPath(id))
        if let sealed {
            guard let bytes = rootKey.open(sealed, context: Self.context(id)) else {
                throw RootKeyError(
                    .undecryptable,
                    "The material of KMS key \(id) (\(sealedPath(id))) fails authentication under the root key: it was sealed under"
                        + " another root key, or the file is damaged. Nothing was changed; start with the root key the data root"
                        + " was created with (--root-key-file or OBSLAB_ROOT_KEY)"
                )
            }
            guard bytes.count == Self.keyByteCount else {
                throw KMSError.storage("The material of KMS key \(id) is corrupt (\(bytes.count) bytes, expected 32)")
            }
            guard let plaintext else { return (SymmetricKey(data: bytes), .sealed) }
            guard plaintext == bytes else {
                throw KMSError.storage(
                    "KMS key \(id) has two different materials, \(sealedPath(id)) and \(plaintextPath(id)); refusing to choose."
                        + " Move aside the one that does not decrypt your objects"
                )
            }
            return (SymmetricKey(data: bytes), .sealedWithPlaintextLeft)
        }
        guard let plaintext else {
            throw KMSError.storage("The material of KMS key \(id) is missing (\(sealedPath(id))); its data cannot be decrypted")
        }
        guard plaintext.count == Self.keyByteCount else {
            throw KMSError.storage(
                "The material of KMS key \(id) is corrupt (\(plaintextPath(id)) has \(plaintext.count) bytes, expected 32)"
            )
        }
        return (SymmetricKey(data: plaintext), .plaintext)
    }

    /// Seals material read in the clear and removes the plaintext file: the sealed file is written and synced, then
    /// renamed into place, before the plaintext one goes, so an interruption at any point leaves a store that opens.
    func finishSealing(_ key: SymmetricKey, id: String, state: MaterialState) throws(KMSError) {
        switch state {
        case .sealed:
            return
        case .plaintext:
            try writeMaterial(key, id: id)
            try Self.remove(plaintextPath(id))
        case .sealedWithPlaintextLeft:
            try Self.remove(plaintextPath(id))
        }
    }

    /// Seals `key` under the root key into the material file of `id`.
    func writeMaterial(_ key: SymmetricKey, id: String) throws(KMSError) {
        let sealed = key.withUnsafeBytes { rootKey.seal($0, context: Self.context(id)) }
        try Self.write(sealed, to: sealedPath(id))
    }

    /// Ids of the material files present (sealed or not), whether or not the metadata names them.
    func materialIds() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: materialDirectory)) ?? []
        return Set(
            names.compactMap { name in
                [Self.sealedExtension, Self.plaintextExtension].first(where: name.hasSuffix).map { String(name.dropLast($0.count)) }
            }
        )
    }

    /// The associated data of a key's sealed material: the material of one key cannot stand in for another's.
    private static func context(_ id: String) -> String {
        "kms-material:" + id
    }

    private static func read(_ path: String) throws(KMSError) -> [UInt8]? {
        do {
            return try PrivateFile.read(path)
        } catch {
            throw .storage(error.description)
        }
    }

    private static func write(_ bytes: [UInt8], to path: String) throws(KMSError) {
        do {
            try PrivateFile.write(bytes, to: path)
        } catch {
            throw .storage(error.description)
        }
    }

    private static func remove(_ path: String) throws(KMSError) {
        do {
            try PrivateFile.remove(path)
        } catch {
            throw .storage(error.description)
        }
    }
}
