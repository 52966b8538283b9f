import Foundation
import KeyManagement
import Logging

/// The storage engine: buckets, object versions and multipart uploads in a SQLite catalog, bytes in immutable blob files.
///
/// Everything lives under `dataRoot/.obslab/`; the visible folders of `dataRoot` are demo data, adopted once as buckets.
/// Object keys never become file paths. A write is staged and fsynced, its blob renamed into `blobs/` and the rename made
/// durable (in rounds shared by concurrent writers), then published by one catalog transaction.
public final class ObjectStore: Sendable {
    public let dataRoot: String
    /// The built-in KMS; its keys live in `.obslab/kms/`, sealed under the root key.
    public let kms: KeyManagementService
    /// Seals what the catalog keeps secret (users' secret keys); it lives outside the data root.
    let rootKey: RootKey
    let catalog: ObjectCatalog
    let blobs: BlobDirectory
    let logger: Logger
    private let lock: DataRootLock

    private init(
        dataRoot: String,
        kms: KeyManagementService,
        rootKey: RootKey,
        catalog: ObjectCatalog,
        blobs: BlobDirectory,
        lock: DataRootLock,
        logger: Logger
    ) {
        self.dataRoot = dataRoot
        self.kms = kms
        self.rootKey = rootKey
        self.catalog = catalog
        self.blobs = blobs
        self.lock = lock
        self.logger = logger
    }

    /// Opens (or creates) the store: locks the data root, checks the root key, runs the migrations, seals what an
    /// earlier version kept in the clear, empties `staging/`, deletes orphan blobs and adopts new folders.
    ///
    /// `.obslab/root-key-check.json` records the root key that sealed the data root's secrets; it is written once every
    /// secret is sealed under `rootKey`, so a data root made by an earlier version (secrets in the clear, files readable
    /// by others) is converted on its first open, and a new one gets its keys sealed under `rootKey`.
    /// - Parameters:
    ///   - rootKey: the key that seals KMS key material and users' secret keys; it must live outside the data root.
    ///   - owner: the principal that owns the KMS keys made out of the box (`testkey-1`, `obs/default`, …), the
    ///     adopted folders, and the buckets made before buckets had owners.
    /// - Throws: `DataRootInUseError` when another open store holds the data root; `RootKeyError.wrongRootKey` when
    ///   the data root's secrets are sealed under another root key (nothing is changed then).
    public static func open(dataRoot: String, rootKey: RootKey, owner: String = "owner", logger: Logger) async throws -> ObjectStore {
        try await open(dataRoot: dataRoot, rootKey: rootKey, owner: owner, logger: logger, flushRenames: nil)
    }

    /// `open`, with what makes blob renames durable (default: the file system's sync; a test counts or slows it).
    static func open(
        dataRoot: String,
        rootKey: RootKey,
        owner: String = "owner",
        logger: Logger,
        flushRenames: RenameSyncGroup.Flush?
    ) async throws -> ObjectStore {
        let root = (dataRoot as NSString).standardizingPath + "/.obslab"
        let blobs = BlobDirectory(root: root, flushRenames: flushRenames)
        try blobs.createDirectories()
        let lock = try DataRootLock.acquire(directory: root)
        let check = RootKeyCheck(path: root + "/root-key-check.json")
        let checked = try check.verify(rootKey, dataRoot: dataRoot)
        let catalog = try ObjectCatalog.open(path: root + "/catalog.sqlite")
        try await sealUserSecrets(in: catalog, rootKey: rootKey, checked: checked, logger: logger)
        let kms = try KeyManagementService.open(directory: root + "/kms", rootKey: rootKey, mustExist: checked, owner: owner, logger: logger)
        if !checked {
            let changed = try PrivateTree.restrict(root)
            if changed > 0 {
                logger.notice("Made the files of an earlier obslab private (0600, folders 0700)", metadata: ["store.files": "\(changed)"])
            }
            try check.write(rootKey)
        }
        let store = ObjectStore(dataRoot: dataRoot, kms: kms, rootKey: rootKey, catalog: catalog, blobs: blobs, lock: lock, logger: logger)
        try blobs.clearStaging()
        try await store.assignOwnerlessBuckets()
        try await store.sweepOrphanBlobs()
        try await store.adoptFolders()
        return store
    }

    /// Closes the catalog and unlocks the data root; the store must not be used afterwards.
    public func close() throws {
        try catalog.close()
        lock.release()
    }

    /// Deletes blob files that no object version or part references: left by a crash between a rename and its commit.
    func sweepOrphanBlobs() async throws {
        let referenced = try await catalog.referencedBlobIds()
        var removed = 0
        for id in try blobs.allBlobIds() where !referenced.contains(id) {
            blobs.removeBlob(id)
            removed += 1
        }
        if removed > 0 {
            logger.info("Removed orphan blob files", metadata: ["store.orphans": "\(removed)"])
        }
    }

    /// Deletes blob files after the commit that unreferenced them.
    func removeBlobs(_ ids: [String]) {
        for id in ids { blobs.removeBlob(id) }
    }
}
