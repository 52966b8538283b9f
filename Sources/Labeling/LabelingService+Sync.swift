import Foundation
import GRDB
import LabelFormats
import Logging

extension LabelingService {
    /// "Synchronize New Data": brings the dataset's samples in line with its input path, then its labeling jobs'.
    ///
    /// Only one sync of a dataset runs at a time: a call made while one runs waits for it and returns its report.
    /// - Throws: `LabelingError.datasetNotFound`; `LabelingError.syncFailed` when the input path cannot be listed (the
    ///   failure is also the status of the sync). Label files that cannot be read do not fail a sync: their samples
    ///   are unlabeled, with the reason.
    public func sync(datasetId: String, progress: (@Sendable (SyncProgress) -> Void)? = nil) async throws -> SyncReport {
        let record = try await catalog.read { db in try Self.fetchDataset(db, id: datasetId) }
        guard let kind = DatasetKind(rawValue: record.kind) else {
            throw LabelingError.internalError("Dataset \(record.id) has an unknown kind '\(record.kind)'")
        }
        return try await syncs.run(datasetId: datasetId, progress: progress) { observers in
            try await self.runSync(record, kind: kind, observers: observers)
        }
    }

    /// The last sync of the dataset, or the one running now; nil before the first.
    public func syncStatus(datasetId: String) async throws -> SyncReport? {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            return try SyncRunRecord
                .filter(SyncRunRecord.Columns.datasetId == datasetId)
                .order(SyncRunRecord.Columns.startedAt.desc)
                .fetchOne(db)?
                .report
        }
    }

    /// The sync machinery of one dataset over this service's catalog and storage: a whole sync, or the evaluation of
    /// single files an add or an import makes samples of.
    func datasetSync(_ dataset: DatasetRecord, kind: DatasetKind, runId: String, observers: ProgressObservers = ProgressObservers())
        -> DatasetSync
    {
        DatasetSync(catalog: catalog, storage: storage, logger: logger, dataset: dataset, kind: kind, runId: runId, observers: observers)
    }

    private func runSync(_ dataset: DatasetRecord, kind: DatasetKind, observers: ProgressObservers) async throws -> SyncReport {
        var run = SyncRunRecord(
            id: Identifier.make(),
            datasetId: dataset.id,
            status: SyncReport.Status.running.rawValue,
            addedSampleCount: 0,
            deletedSampleCount: 0,
            totalSampleCount: 0,
            sidecarsRead: 0,
            sidecarsUnchanged: 0,
            startedAt: Date()
        )
        try await catalog.write { [run] db in try run.insert(db) }
        let sync = datasetSync(dataset, kind: kind, runId: run.id, observers: observers)
        do {
            let counters = try await sync.run()
            run.status = SyncReport.Status.succeeded.rawValue
            run.addedSampleCount = counters.added
            run.deletedSampleCount = counters.deleted
            run.sidecarsRead = counters.sidecarsRead
            run.sidecarsUnchanged = counters.sidecarsUnchanged
            run.finishedAt = Date()
            run = try await catalog.write { [run] db in
                var run = run
                run.totalSampleCount = try SampleRecord.filter(SampleRecord.Columns.datasetId == dataset.id).fetchCount(db)
                let jobs = try LabelingJobRecord.filter(LabelingJobRecord.Columns.datasetId == dataset.id).fetchAll(db)
                for job in jobs {
                    try Self.syncJobSamples(db, jobId: job.id, datasetId: dataset.id)
                }
                if run.addedSampleCount + run.deletedSampleCount > 0 {
                    try db.execute(sql: "UPDATE dataset SET updatedAt = ? WHERE id = ?", arguments: [Date(), dataset.id])
                }
                try run.update(db)
                return run
            }
            logger.info(
                "Synchronized dataset",
                metadata: [
                    "labeling.dataset": "\(dataset.id)", "labeling.added": "\(run.addedSampleCount)",
                    "labeling.deleted": "\(run.deletedSampleCount)", "labeling.total": "\(run.totalSampleCount)",
                    "labeling.sidecarsRead": "\(run.sidecarsRead)", "labeling.sidecarsUnchanged": "\(run.sidecarsUnchanged)",
                ]
            )
            return run.report
        } catch {
            let failure = error as? LabelingError ?? LabelingError.syncFailed("The sync of dataset \(dataset.id) failed: \(error)")
            run.status = SyncReport.Status.failed.rawValue
            run.finishedAt = Date()
            run.errorCode = failure.code
            run.errorMessage = failure.message
            try? await catalog.write { [run] db in
                try db.execute(
                    sql: "UPDATE syncRun SET status = ?, finishedAt = ?, errorCode = ?, errorMessage = ? WHERE id = ?",
                    arguments: [run.status, run.finishedAt?.timeIntervalSinceReferenceDate, run.errorCode, run.errorMessage, run.id]
                )
            }
            logger.error("Sync failed", metadata: ["labeling.dataset": "\(dataset.id)", "labeling.error": "\(failure)"])
            throw failure
        }
    }
}
