import Foundation
import GRDB

/// The labeling catalog (GRDB's `AppDatabase`): datasets, their labels, labeling jobs, samples, the job copies of
/// samples, sync runs, published versions, imports, and the record of deleted samples and files.
///
/// It holds every statement of the labeling domain behind intent methods (`changeInputPath(datasetId:to:at:)`,
/// `samples(of:jobId:matching:offset:limit:)`, `applySyncBatch`, …) that take and give domain values only, never a
/// GRDB type: they are the seam where another catalog (PostgreSQL, for a team sharing one labeling layer) comes next.
///
/// Samples refer to objects by (bucket, key, versionId) and never own them: several datasets may refer to the same
/// object, and deleting a dataset deletes only catalog rows.
///
/// Dates have one representation in every column: REAL seconds since 2001-01-01, what the records write. A raw
/// statement binds `Date.catalogValue`, never a `Date` (GRDB writes a `Date` as text, which SQLite orders after every
/// number and reads back as a number of the year).
public struct LabelingCatalog: Sendable {
    let writer: any DatabaseWriter

    /// Migrates the database and marks the syncs it says are running as failed: they were cut short by a stop.
    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
        try writer.write { db in
            let interrupted = LabelingError.interruptedSync
            try SyncRunRecord
                .filter(SyncRunRecord.Columns.status == SyncReport.Status.running.rawValue)
                .updateAll(
                    db,
                    SyncRunRecord.Columns.status.set(to: SyncReport.Status.failed.rawValue),
                    SyncRunRecord.Columns.errorCode.set(to: interrupted.code.rawValue),
                    SyncRunRecord.Columns.errorMessage.set(to: interrupted.message)
                )
        }
    }

    /// Opens (or creates) the catalog file, e.g. `<dataRoot>/.obslab/labeling.sqlite`.
    public static func open(path: String) throws -> LabelingCatalog {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try LabelingCatalog(DatabasePool(path: path, configuration: configuration))
    }

    /// A catalog in memory, gone with the process: for tests.
    public static func inMemory() throws -> LabelingCatalog {
        try LabelingCatalog(DatabaseQueue())
    }

    /// Folds the write-ahead log into the database file (a stopped data root's catalog is then one file), and closes.
    func close() throws {
        _ = try writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try writer.close()
    }
}

extension Date {
    /// The catalog's one representation of a date, for raw statements: REAL seconds since 2001-01-01.
    var catalogValue: Double { timeIntervalSinceReferenceDate }
}

/// The catalog's records: Codable structs whose nested values (annotations, label sources, reasons) are JSON columns,
/// and whose dates are REAL seconds since 2001-01-01.
protocol CatalogRecord: Codable, Sendable, FetchableRecord, PersistableRecord {}

extension CatalogRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .timeIntervalSinceReferenceDate }
    static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSinceReferenceDate }
}
