import Foundation
import GRDB
import LabelFormats

/// Syncs: their runs, what a sync starts from, and the batches it writes.
extension LabelingCatalog {
    /// Records a sync that starts.
    func startSync(_ run: SyncReport) async throws {
        try await writer.write { db in try SyncRunRecord(run).insert(db) }
    }

    /// The dataset's last sync, or the one running now; nil before the first.
    /// - Throws: `LabelingError.datasetNotFound`.
    func lastSync(datasetId: String) async throws -> SyncReport? {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            return try SyncRunRecord
                .filter(SyncRunRecord.Columns.datasetId == datasetId)
                .order(SyncRunRecord.Columns.startedAt.desc)
                .fetchOne(db)?
                .report
        }
    }

    /// What a sync of the dataset starts from, read in one transaction: its samples by object key, and the samples
    /// deleted without their files.
    func syncBaseline(datasetId: String, bucket: String) async throws -> (stored: [String: [StoredSample]], deleted: DeletedSamples) {
        try await writer.read { db in
            var samples: [String: [StoredSample]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, key, line, etag, size, sidecarKey, sidecarEtag, json_extract(unlabeledReason, '$.code') AS reasonCode
                    FROM sample WHERE datasetId = ?
                    """,
                arguments: [datasetId]
            )
            while let row = try rows.next() {
                let sample = StoredSample(
                    id: row["id"],
                    line: row["line"],
                    etag: row["etag"],
                    size: row["size"],
                    sidecarKey: row["sidecarKey"],
                    sidecarEtag: row["sidecarEtag"],
                    reasonCode: (row["reasonCode"] as String?).flatMap(UnlabeledReason.Code.init(rawValue:))
                )
                samples[row["key"], default: []].append(sample)
            }
            var deleted = DeletedSamples()
            let records =
                try DeletedSampleRecord
                .filter(DeletedSampleRecord.Columns.datasetId == datasetId && DeletedSampleRecord.Columns.bucket == bucket)
                .fetchCursor(db)
            while let record = try records.next() {
                deleted.add(key: record.key, line: record.line, etag: record.etag)
            }
            return (samples, deleted)
        }
    }

    /// Applies one batch of a sync's changes in one transaction, adds the label names it found to the dataset's label
    /// set, and records the sync's progress (`counters` so far, plus this batch).
    /// - Returns: the samples added and deleted (lines that a text file no longer has).
    func applySyncBatch(
        _ changes: [SampleChange],
        dataset: Dataset,
        excluded: DeletedSamples,
        runId: String,
        counters: DatasetSync.Counters,
        at now: Date
    ) async throws -> (added: Int, deleted: Int) {
        try await writer.write { db in
            var added = 0
            var deleted = 0
            var labelNames = Set(try Self.fetchLabels(db, datasetId: dataset.id).map(\.name))
            var newLabels: [Label] = []
            for change in changes {
                switch change {
                // Statements of the connection's cache: a sync runs them once per object, and compiling each again
                // (GRDB's query interface does) was a tenth of a full sync.
                case .touch(let raw):
                    let touch = try db.cachedStatement(
                        sql: "UPDATE sample SET etag = ?, size = ?, updatedAt = ? WHERE datasetId = ? AND bucket = ? AND key = ?"
                    )
                    try touch.execute(arguments: [raw.etag, raw.size, now.catalogValue, dataset.id, dataset.inputBucket, raw.key])
                case .replace(let outcome):
                    let samplesOfObject = try db.cachedStatement(sql: "SELECT * FROM sample WHERE datasetId = ? AND bucket = ? AND key = ?")
                    var existing = try Dictionary(
                        SampleRecord.fetchAll(samplesOfObject, arguments: [dataset.id, dataset.inputBucket, outcome.raw.key])
                            .map { ($0.line, $0.entry) },
                        uniquingKeysWith: { first, _ in first }
                    )
                    for content in outcome.contents {
                        if var entry = existing.removeValue(forKey: content.line) {
                            entry.apply(content, of: outcome, at: now)
                            try SampleRecord(entry).update(db)
                        } else if excluded.excludes(key: outcome.raw.key, line: content.line, etag: outcome.raw.etag) {
                            continue
                        } else {
                            try SampleRecord(SampleEntry(content, of: outcome, in: dataset, at: now)).insert(db)
                            added += 1
                        }
                        for annotation in content.annotations where labelNames.insert(annotation.name).inserted {
                            let color = annotation.color.flatMap { Label.isValidColor($0) ? $0 : nil }
                            newLabels.append(Label(name: annotation.name, type: dataset.kind.labelType, color: color))
                        }
                    }
                    for entry in existing.values {
                        try SampleRecord.deleteOne(db, key: entry.id)
                        deleted += 1
                    }
                }
            }
            try Self.insertLabels(db, datasetId: dataset.id, newLabels, after: labelNames.count - newLabels.count, at: now)
            try db.execute(
                sql: """
                    UPDATE syncRun SET addedSampleCount = ?, deletedSampleCount = ?, sidecarsRead = ?, sidecarsUnchanged = ?,
                        totalSampleCount = (SELECT total FROM datasetSampleCount WHERE datasetId = ?)
                    WHERE id = ?
                    """,
                arguments: [
                    counters.added + added, counters.deleted + deleted, counters.sidecarsRead, counters.sidecarsUnchanged, dataset.id, runId,
                ]
            )
            return (added, deleted)
        }
    }

    /// Deletes the dataset's samples of these object keys (their job rows go with them).
    /// - Returns: how many samples were deleted.
    func removeSamples(datasetId: String, keys: [String]) async throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return try await writer.write { db in
            var deleted = 0
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                deleted +=
                    try SampleRecord
                    .filter(SampleRecord.Columns.datasetId == datasetId && chunk.contains(SampleRecord.Columns.key))
                    .deleteAll(db)
            }
            return deleted
        }
    }

    /// Records a sync that succeeded: brings the dataset's new samples into its labeling jobs, counts its samples,
    /// and marks the dataset changed when the sync added or removed samples.
    /// - Returns: the run with the dataset's sample count.
    func finishSync(_ run: SyncReport) async throws -> SyncReport {
        try await writer.write { db in
            var run = run
            run.totalSampleCount = try SampleRecord.filter(SampleRecord.Columns.datasetId == run.datasetId).fetchCount(db)
            try Self.syncAllJobSamples(db, datasetId: run.datasetId)
            if run.addedSampleCount + run.deletedSampleCount > 0 {
                try Self.touchDataset(db, id: run.datasetId, at: run.finishedAt ?? Date())
            }
            try SyncRunRecord(run).update(db)
            return run
        }
    }

    /// Records a sync that failed; its counters stay as its last batch recorded them.
    func failSync(_ run: SyncReport) async throws {
        try await writer.write { db in
            _ =
                try SyncRunRecord
                .filter(key: run.id)
                .updateAll(
                    db,
                    SyncRunRecord.Columns.status.set(to: run.status.rawValue),
                    SyncRunRecord.Columns.finishedAt.set(to: run.finishedAt?.catalogValue),
                    SyncRunRecord.Columns.errorCode.set(to: run.error?.code.rawValue),
                    SyncRunRecord.Columns.errorMessage.set(to: run.error?.message)
                )
        }
    }
}
