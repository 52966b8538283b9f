import Foundation
import GRDB
import KeyManagement
import Logging

/// The storage engine: buckets, object versions and multipart uploads in a SQLite catalog, bytes in immutable blob files.
///
/// Everything lives under `dataRoot/.obslab/`; the visible folders of `dataRoot` are demo data, adopted once as buckets.
/// Object keys never become file paths. A write is staged and fsynced, then published by one catalog transaction.
public final class ObjectStore: Sendable {
    public let dataRoot: String
    /// The built-in KMS; its keys live in `.obslab/kms/`, apart from the catalog of the data they protect.
    public let kms: KeyManagementService
    let database: DatabasePool
    let blobs: BlobDirectory
    let logger: Logger
    private let lock: DataRootLock

    private init(
        dataRoot: String,
        kms: KeyManagementService,
        database: DatabasePool,
        blobs: BlobDirectory,
        lock: DataRootLock,
        logger: Logger
    ) {
        self.dataRoot = dataRoot
        self.kms = kms
        self.database = database
        self.blobs = blobs
        self.lock = lock
        self.logger = logger
    }

    /// Opens (or creates) the store: locks the data root, runs the migrations, empties `staging/`, deletes orphan blobs
    /// and adopts new folders.
    /// - Parameter owner: the principal that owns the KMS keys made out of the box (`testkey-1`, `obs/default`, …), the
    ///   adopted folders, and the buckets made before buckets had owners.
    /// - Throws: `DataRootInUseError` when another open store holds the data root.
    public static func open(dataRoot: String, owner: String = "owner", logger: Logger) async throws -> ObjectStore {
        let root = (dataRoot as NSString).standardizingPath + "/.obslab"
        let blobs = BlobDirectory(root: root)
        try blobs.createDirectories()
        let lock = try DataRootLock.acquire(directory: root)
        let database = try Catalog.open(path: root + "/catalog.sqlite")
        let kms = try KeyManagementService.open(directory: root + "/kms", owner: owner, logger: logger)
        let store = ObjectStore(dataRoot: dataRoot, kms: kms, database: database, blobs: blobs, lock: lock, logger: logger)
        try blobs.clearStaging()
        try await store.assignOwnerlessBuckets()
        try await store.sweepOrphanBlobs()
        try await store.adoptFolders()
        return store
    }

    /// Closes the catalog and unlocks the data root; the store must not be used afterwards.
    public func close() throws {
        try database.close()
        lock.release()
    }

    /// Deletes blob files that no object version or part references: left by a crash between a rename and its commit.
    func sweepOrphanBlobs() async throws {
        let referenced = try await database.read { db in
            var ids = Set(try String.fetchAll(db, sql: "SELECT blobId FROM objectVersion WHERE blobId IS NOT NULL"))
            ids.formUnion(try String.fetchAll(db, sql: "SELECT blobId FROM uploadPart"))
            return ids
        }
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

    static func fetchBucket(_ db: Database, _ name: String) throws -> BucketRecord {
        guard let bucket = try BucketRecord.fetchOne(db, key: name) else { throw StoreError.noSuchBucket(name) }
        return bucket
    }
}
