extension LabelingService {
    /// "Synchronize New Data" in the background (the API's `sync-data`): returns at once, the run recorded as running
    /// (`scheduledSync`); a call while one runs makes it run once more after. `syncScheduler` must be running as a service.
    public func startSync(datasetId: String) {
        syncScheduler.schedule(datasetId: datasetId) { progress in
            try await self.syncing.sync(datasetId: datasetId, progress: progress)
        }
    }

    /// The background sync last started for the dataset (`startSync`), nil when none was since the process started.
    public func scheduledSync(datasetId: String) -> SyncScheduler.Run? {
        syncScheduler.lastRun(datasetId: datasetId)
    }

    /// "Synchronize New Data": brings the dataset's samples in line with its input path, then its labeling jobs'.
    ///
    /// Only one sync of a dataset runs at a time: a call made while one runs waits for it and returns its report.
    /// - Throws: `LabelingError.datasetNotFound`; `LabelingError.syncFailed` when the input path cannot be listed (the
    ///   failure is also the status of the sync). Label files that cannot be read do not fail a sync: their samples
    ///   are unlabeled, with the reason.
    public func sync(datasetId: String, progress: (@Sendable (SyncProgress) -> Void)? = nil) async throws -> SyncReport {
        try await syncing.sync(datasetId: datasetId, progress: progress)
    }

    /// Makes the next sync read again the label files of the samples whose labels went with the deleted default job,
    /// which a sync otherwise leaves alone while the files are unchanged.
    /// - Returns: how many samples the next sync reads again.
    /// - Throws: `LabelingError.datasetNotFound`.
    public func rereadDeletedLabels(datasetId: String) async throws -> Int {
        try await syncing.rereadDeletedLabels(datasetId: datasetId)
    }

    /// The last sync of the dataset, or the one running now; nil before the first.
    public func syncStatus(datasetId: String) async throws -> SyncReport? {
        try await syncing.status(datasetId: datasetId)
    }
}
