@preconcurrency import Crypto
import Foundation
import Logging
import Synchronization

/// The built-in KMS: keys with aliases, an owner and grants, plus the server-managed key behind SSE-S3 / SSE-OBS.
///
/// Principals are plain strings named by the server (access keys, `modelarts-service`). A key's owner may always use
/// it; anyone else needs a grant. Key material lives in the KMS directory, sealed under the root key, which lives outside
/// the data root. Methods are synchronous: they only touch memory, except the rare writes of key metadata.
public final class KeyManagementService: Sendable {
    /// The alias OBS creates on first use for bucket default encryption.
    public static let defaultKeyAlias = "obs/default"
    /// Keys every store has from the start, as ceph's s3-tests expect.
    public static let testKeyAliases = ["testkey-1", "testkey-2"]

    /// The principal that owns the keys created at first open and `obs/default`.
    public let owner: String
    /// `arn:aws:kms:<region>:000000000000:key/`.
    let arnPrefix: String
    let directory: KeyDirectory
    let logger: Logger
    let state: Mutex<State>
    /// Held by the rare changes of keys (creation, grants, state) while they write their files; never by key use.
    let writer: Mutex<Void>

    /// Keys, their material and the managed key; replaced only after the new metadata is on disk.
    struct State {
        var document: KeyStoreDocument
        var material: [String: SymmetricKey]
        var managedKey: SymmetricKey

        func record(_ reference: KeyReference) -> KeyRecord? {
            switch reference {
            case .id(let id): document.keys.first { $0.id == id }
            case .alias(let alias): document.keys.first { $0.aliases.contains(alias) }
            }
        }

        func material(of record: KeyRecord) throws(KMSError) -> SymmetricKey {
            guard let material = material[record.id] else {
                throw KMSError(.internal, "The material of key \(record.id) is not loaded", keyId: record.id)
            }
            return material
        }

        func index(of id: String) -> Int? {
            document.keys.firstIndex { $0.id == id }
        }
    }

    private init(owner: String, region: String, directory: KeyDirectory, state: State, logger: Logger) {
        self.owner = owner
        self.arnPrefix = "arn:aws:kms:\(region):000000000000:key/"
        self.directory = directory
        self.state = Mutex(state)
        self.writer = Mutex(())
        self.logger = logger
    }

    /// Opens the KMS stored in `directory`, its material sealed under `rootKey`, creating it with the managed key,
    /// `testkey-1` and `testkey-2` the first time (a directory with no keys yet gets keys sealed under `rootKey`).
    ///
    /// Material that an earlier version kept in the clear is sealed under `rootKey`. Fails, rather than starting afresh,
    /// if `keys.json` is unreadable or missing while key files exist, or a key's material is missing, damaged or sealed
    /// under another root key (`RootKeyError`): silently replacing keys would make every encrypted object unreadable.
    /// - Parameter mustExist: the store is known to have been created (the data root's root key check exists): a
    ///   missing `keys.json` is then an error, never a reason to make new keys.
    public static func open(
        directory path: String,
        rootKey: RootKey,
        mustExist: Bool = false,
        owner: String,
        region: String = "us-east-1",
        logger: Logger
    ) throws -> KeyManagementService {
        try validatePrincipal(owner)
        let directory = KeyDirectory(path: path, rootKey: rootKey)
        try directory.prepare()
        let state: State
        if let document = try directory.readDocument() {
            // Every key is read and checked before anything is converted: a store that cannot open is left as it was.
            let ids = [document.managedKey.id] + document.keys.map(\.id)
            var material: [String: SymmetricKey] = [:]
            var states: [String: KeyDirectory.MaterialState] = [:]
            for id in ids {
                let (key, state) = try directory.readMaterial(id)
                material[id] = key
                states[id] = state
            }
            var converted = 0
            for id in ids {
                try directory.finishSealing(material[id]!, id: id, state: states[id]!)
                if case .plaintext = states[id]! { converted += 1 }
            }
            if document.formatVersion != KeyStoreDocument.currentFormatVersion {
                try directory.writeDocument(document)
            }
            if converted > 0 {
                logger.notice(
                    "Sealed the KMS key material of an earlier obslab under the root key",
                    metadata: ["kms.directory": "\(path)", "kms.keys": "\(converted)"]
                )
            }
            let managedKey = material.removeValue(forKey: document.managedKey.id)!
            state = State(document: document, material: material, managedKey: managedKey)
        } else {
            guard !mustExist else {
                throw KMSError.storage(
                    "\(directory.metadataPath) is missing from a data root whose keys were made before; refusing to start with new"
                        + " keys, which would leave every encrypted object unreadable (restore \(path) from a backup)"
                )
            }
            let strays = directory.materialIds()
            guard strays.isEmpty else {
                throw KMSError.storage(
                    "\(directory.metadataPath) is missing but \(strays.count) key files exist in \(directory.materialDirectory); "
                        + "refusing to start with new keys (restore keys.json, or remove the directory to lose every encrypted object)"
                )
            }
            state = try create(in: directory, owner: owner)
            logger.info("Created the KMS key store", metadata: ["kms.directory": "\(path)", "kms.owner": "\(owner)"])
        }
        return KeyManagementService(owner: owner, region: region, directory: directory, state: state, logger: logger)
    }

    /// Writes a fresh store: the managed key and the test keys, material first.
    private static func create(in directory: KeyDirectory, owner: String) throws(KMSError) -> State {
        let now = now()
        let managedId = newKeyId()
        let managedKey = SymmetricKey(size: .bits256)
        try directory.writeMaterial(managedKey, id: managedId)
        var material: [String: SymmetricKey] = [:]
        var records: [KeyRecord] = []
        for alias in testKeyAliases {
            let record = KeyRecord(
                id: newKeyId(),
                aliases: [alias],
                owner: owner,
                state: .enabled,
                creationDate: now,
                description: "",
                grants: []
            )
            let key = SymmetricKey(size: .bits256)
            try directory.writeMaterial(key, id: record.id)
            material[record.id] = key
            records.append(record)
        }
        let document = KeyStoreDocument(
            formatVersion: KeyStoreDocument.currentFormatVersion,
            managedKey: .init(id: managedId, creationDate: now),
            keys: records
        )
        try directory.writeDocument(document)
        return State(document: document, material: material, managedKey: managedKey)
    }

    /// The current time in whole seconds, as `keys.json` stores it, so a key reads back equal to what was created.
    static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    static func newKeyId() -> String {
        UUID().uuidString.lowercased()
    }

    /// The ARN of a key id in this KMS's region.
    public func arn(forKeyId id: String) -> String {
        arnPrefix + id
    }

    /// Runs `body` on a copy of the state, writes the material of keys it added and the metadata, then makes it current.
    ///
    /// Writers take turns on `writer`; the files are written while only that lock is held, so requests that merely use
    /// keys (`state`) never wait for a disk.
    func mutate<Result: Sendable>(_ body: (inout State) throws(KMSError) -> Result) throws(KMSError) -> Result {
        try writer.withLock { (_: inout Void) throws(KMSError) -> Result in
            let current = state.withLock { $0 }
            var next = current
            let result = try body(&next)
            for (id, key) in next.material where current.material[id] == nil {
                try directory.writeMaterial(key, id: id)
            }
            if next.document != current.document {
                try directory.writeDocument(next.document)
            }
            state.withLock { $0 = next }
            return result
        }
    }

    static func validatePrincipal(_ principal: String) throws(KMSError) {
        let printable = principal.unicodeScalars.allSatisfy { !$0.properties.generalCategory.isControl && $0 != " " }
        guard !principal.isEmpty, principal.utf8.count <= 256, printable else {
            throw KMSError(.validation, "'\(principal)' is not a valid principal name", principal: principal)
        }
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isControl: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .surrogate: true
        default: false
        }
    }
}
