import Foundation
import GRDB
import LabelFormats

extension DatasetSync {
    /// Applies one batch of changes in one transaction, adds the label names it found to the dataset's label set, and
    /// records the sync's progress.
    /// - Returns: the samples added and deleted (lines that a text file no longer has).
    func write(_ changes: [SampleChange], counters: Counters, deleted excluded: DeletedSamples) async throws -> (added: Int, deleted: Int) {
        let now = Date()
        return try await catalog.write { db in
            var added = 0
            var deleted = 0
            var labelNames = Set(try LabelingService.fetchLabels(db, datasetId: dataset.id).map(\.name))
            var newLabels: [Label] = []
            for change in changes {
                switch change {
                case .touch(let raw):
                    try db.execute(
                        sql: "UPDATE sample SET etag = ?, size = ?, updatedAt = ? WHERE datasetId = ? AND bucket = ? AND key = ?",
                        arguments: [raw.etag, raw.size, now, dataset.id, dataset.inputBucket, raw.key]
                    )
                case .replace(let outcome):
                    var existing = try Dictionary(
                        SampleRecord
                            .filter(SampleRecord.Columns.datasetId == dataset.id)
                            .filter(SampleRecord.Columns.bucket == dataset.inputBucket && SampleRecord.Columns.key == outcome.raw.key)
                            .fetchAll(db)
                            .map { ($0.line, $0) },
                        uniquingKeysWith: { first, _ in first }
                    )
                    for content in outcome.contents {
                        if var record = existing.removeValue(forKey: content.line) {
                            apply(content, of: outcome, to: &record, now: now)
                            try record.update(db)
                        } else if excluded.excludes(key: outcome.raw.key, line: content.line, etag: outcome.raw.etag) {
                            continue
                        } else {
                            try newRecord(content, of: outcome, now: now).insert(db)
                            added += 1
                        }
                        for annotation in content.annotations where labelNames.insert(annotation.name).inserted {
                            let color = annotation.color.flatMap { Label.isValidColor($0) ? $0 : nil }
                            newLabels.append(Label(name: annotation.name, type: kind.labelType, color: color))
                        }
                    }
                    for record in existing.values {
                        try record.delete(db)
                        deleted += 1
                    }
                }
            }
            try LabelingService.insertLabels(db, datasetId: dataset.id, newLabels, after: labelNames.count - newLabels.count)
            try recordProgress(db, added: counters.added + added, deleted: counters.deleted + deleted, counters: counters)
            return (added, deleted)
        }
    }

    /// Deletes the samples of objects that are gone (their job rows go with them).
    func deleteSamples(keys: [String]) async throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return try await catalog.write { db in
            var deleted = 0
            for start in stride(from: 0, to: keys.count, by: 500) {
                let chunk = Array(keys[start..<min(start + 500, keys.count)])
                try SampleRecord
                    .filter(SampleRecord.Columns.datasetId == dataset.id && chunk.contains(SampleRecord.Columns.key))
                    .deleteAll(db)
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// Keeps the sync run's counters current, so that the status of a running sync shows how far it is.
    func recordProgress(_ db: Database, added: Int, deleted: Int, counters: Counters) throws {
        try db.execute(
            sql: """
                UPDATE syncRun SET addedSampleCount = ?, deletedSampleCount = ?, sidecarsRead = ?, sidecarsUnchanged = ?,
                    totalSampleCount = (SELECT COUNT(*) FROM sample WHERE datasetId = ?)
                WHERE id = ?
                """,
            arguments: [added, deleted, counters.sidecarsRead, counters.sidecarsUnchanged, dataset.id, runId]
        )
    }

    private func apply(_ content: SampleContent, of outcome: SampleOutcome, to record: inout SampleRecord, now: Date) {
        if record.annotations != content.annotations {
            record.labeledBy = Self.author
            record.labeledAt = now
        }
        record.etag = outcome.raw.etag
        record.size = outcome.raw.size
        record.text = content.text
        record.annotations = content.annotations
        record.isLabeled = !content.annotations.isEmpty
        record.labelSource = content.source
        record.unlabeledReason = content.reason
        record.sidecarKey = outcome.evidence?.key
        record.sidecarEtag = outcome.evidence?.etag
        record.updatedAt = now
    }

    private func newRecord(_ content: SampleContent, of outcome: SampleOutcome, now: Date) -> SampleRecord {
        SampleRecord(
            id: Identifier.make(),
            datasetId: dataset.id,
            bucket: dataset.inputBucket,
            key: outcome.raw.key,
            line: content.line,
            versionId: nil,
            etag: outcome.raw.etag,
            size: outcome.raw.size,
            text: content.text,
            annotations: content.annotations,
            isLabeled: !content.annotations.isEmpty,
            labelSource: content.source,
            unlabeledReason: content.reason,
            sidecarKey: outcome.evidence?.key,
            sidecarEtag: outcome.evidence?.etag,
            labeledBy: content.annotations.isEmpty ? nil : Self.author,
            labeledAt: content.annotations.isEmpty ? nil : now,
            createdAt: now,
            updatedAt: now
        )
    }
}
