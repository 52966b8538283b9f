import Foundation
import Logging

/// "Synchronize New Data": one sync per dataset at a time, recorded as a sync run, and the machinery that reads what
/// the storage says of single files for adds and imports.
struct SyncService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage
    let logger: Logger
    /// The syncs running now, one per dataset, and the work that must not overlap them.
    let syncs: SyncCoordinator

    func sync(datasetId: String, progress: (@Sendable (SyncProgress) -> Void)? = nil) async throws -> SyncReport {
        let dataset = try await catalog.dataset(id: datasetId)
        return try await syncs.run(datasetId: datasetId, progress: progress) { observers in
            try await self.runSync(dataset, observers: observers)
        }
    }

    /// After any running sync, so that it does not record the files' ETags again behind this.
    func rereadDeletedLabels(datasetId: String) async throws -> Int {
        let count = try await syncs.exclusive(datasetId: datasetId) {
            try await self.catalog.forgetLabelFilesOfDeletedLabels(datasetId: datasetId)
        }
        logger.info("Label files to read again at the next sync", metadata: ["labeling.dataset": "\(datasetId)", "labeling.samples": "\(count)"])
        return count
    }

    func status(datasetId: String) async throws -> SyncReport? {
        try await catalog.lastSync(datasetId: datasetId)
    }

    /// The sync machinery of one dataset over this service's catalog and storage: a whole sync, or the evaluation of
    /// single files an add or an import makes samples of.
    func datasetSync(_ dataset: Dataset, runId: String, observers: ProgressObservers = ProgressObservers()) -> DatasetSync {
        DatasetSync(catalog: catalog, storage: storage, logger: logger, dataset: dataset, runId: runId, observers: observers)
    }

    private func runSync(_ dataset: Dataset, observers: ProgressObservers) async throws -> SyncReport {
        var run = SyncReport(
            id: Identifier.make(),
            datasetId: dataset.id,
            status: .running,
            addedSampleCount: 0,
            deletedSampleCount: 0,
            totalSampleCount: 0,
            sidecarsRead: 0,
            sidecarsUnchanged: 0,
            startedAt: Date()
        )
        try await catalog.startSync(run)
        let sync = datasetSync(dataset, runId: run.id, observers: observers)
        do {
            let counters = try await sync.run()
            run.status = .succeeded
            run.addedSampleCount = counters.added
            run.deletedSampleCount = counters.deleted
            run.sidecarsRead = counters.sidecarsRead
            run.sidecarsUnchanged = counters.sidecarsUnchanged
            run.finishedAt = Date()
            run = try await catalog.finishSync(run)
            logger.info(
                "Synchronized dataset",
                metadata: [
                    "labeling.dataset": "\(dataset.id)", "labeling.added": "\(run.addedSampleCount)",
                    "labeling.deleted": "\(run.deletedSampleCount)", "labeling.total": "\(run.totalSampleCount)",
                    "labeling.sidecarsRead": "\(run.sidecarsRead)", "labeling.sidecarsUnchanged": "\(run.sidecarsUnchanged)",
                ]
            )
            return run
        } catch {
            let failure = error as? LabelingError ?? LabelingError.syncFailed("The sync of dataset \(dataset.id) failed: \(error)")
            run.status = .failed
            run.finishedAt = Date()
            run.error = failure
            try? await catalog.failSync(run)
            logger.error("Sync failed", metadata: ["labeling.dataset": "\(dataset.id)", "labeling.error": "\(failure)"])
            throw failure
        }
    }
}
