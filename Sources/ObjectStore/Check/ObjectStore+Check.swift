import Foundation
import GRDB

extension ObjectStore {
    /// Checks a data root offline (`obslab fsck`): the catalog file, every object version and part against its blob file
    /// and envelope, files nothing refers to, and with `options.deep` the bytes of plaintext objects against their ETags
    /// and checksums. With `options.repair` it fixes what is safe and marks it repaired; it changes nothing otherwise.
    ///
    /// It holds the data root's lock while it runs, so no server can start meanwhile. It opens no KMS: the root key
    /// lives outside the data root, so encrypted objects are checked by their envelopes and sizes, not decrypted.
    /// - Throws: `DataRootInUseError` when a server (or another check) holds the data root; `DataRootCheckError` when
    ///   it is not a data root or its catalog cannot be read.
    public static func check(dataRoot: String, options: CheckOptions = CheckOptions()) async throws -> CheckReport {
        let root = (dataRoot as NSString).standardizingPath + "/.obslab"
        let catalogPath = root + "/catalog.sqlite"
        guard FileManager.default.fileExists(atPath: catalogPath) else { throw DataRootCheckError.notADataRoot(dataRoot) }
        let lock = try DataRootLock.acquire(directory: root)
        defer { lock.release() }
        let database = try ObjectCatalog.openForCheck(path: catalogPath, writable: options.repair)
        defer { try? database.close() }
        let blobs = BlobDirectory(root: root)
        return try await BlockingIO.run {
            var checker = StoreChecker(database: database, blobs: blobs, options: options)
            return try checker.run()
        }
    }
}
