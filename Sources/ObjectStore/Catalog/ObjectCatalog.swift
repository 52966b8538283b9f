import Foundation
import GRDB
import NIOCore

/// The object catalog (GRDB's `AppDatabase`): buckets and their configuration, object versions, multipart uploads and
/// their parts, adopted folders, users and agencies.
///
/// It holds every statement of the store behind intent methods (`publish(_:condition:)`, `deleteObject(bucket:key:
/// versionId:bypassGovernance:at:)`, `complete(_:into:partBlobIds:)`, …) that apply S3's versioning rules in one transaction each.
/// It never touches a file: callers publish blob files before the transaction that refers to them (the start-up sweep
/// removes a blob a crash left unreferenced) and delete replaced blobs after it, from the blob ids it returns.
///
/// Dates are REAL seconds since 2001-01-01 in every column, what the records write; a raw statement binds
/// `Date.timeIntervalSinceReferenceDate`, never a `Date` (GRDB writes a `Date` as text).
struct ObjectCatalog: Sendable {
    let writer: any DatabaseWriter
    let bucketCache = BucketCache()
    /// Nil for a catalog in memory, which has no file to open them on.
    private let pointReaders: PointReaders?

    /// Migrates the database.
    init(_ writer: any DatabaseWriter, pointReadersAt path: String? = nil) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
        writer.add(transactionObserver: bucketCache, extent: .databaseLifetime)
        // One per core: the threads of Swift's cooperative pool, which serve the requests.
        pointReaders = try path.map { try PointReaders(path: $0, count: System.coreCount) }
    }

    /// Opens (or creates, 0600) the catalog file, `<dataRoot>/.obslab/catalog.sqlite`.
    static func open(path: String) throws -> ObjectCatalog {
        // SQLite gives the -wal and -shm files the mode of the database file: make it 0600 before SQLite opens it.
        try PrivateTree.createFile(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try ObjectCatalog(DatabasePool(path: path, configuration: configuration), pointReadersAt: path)
    }

    /// A catalog in memory, gone with the process: for tests.
    static func inMemory() throws -> ObjectCatalog {
        try ObjectCatalog(DatabaseQueue())
    }

    /// A read of one or two rows by index, outside a transaction: on the calling thread when a point reader is free
    /// (see `PointReaders`), else on one of the pool's readers.
    func pointRead<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if let answer = try pointReaders?.readIfIdle(value) { return answer }
        return try await writer.unsafeRead(value)
    }

    /// Folds the write-ahead log into the database file (a stopped data root's catalog is then one file), and closes.
    func close() throws {
        try pointReaders?.close()
        _ = try writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try writer.close()
    }
}
