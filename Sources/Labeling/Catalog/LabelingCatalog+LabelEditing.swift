import Foundation
import GRDB
import LabelFormats

/// Labels set by users on samples, of a dataset or of one of its labeling jobs.
extension LabelingCatalog {
    /// Sets the labels of the dataset's samples, or with `ownJobId` that job's own labels of them, in one transaction.
    ///
    /// Label names the set lacks join it. Labels are stored as `LabelEdit.stored` makes them (colors equal to their
    /// label's dropped, the PASCAL VOC flags of unchanged boxes kept); labels set to what they are change nothing, so
    /// a job that mirrors the dataset's labels keeps mirroring them. A change marks the dataset changed.
    /// - Parameter updates: checked annotations (`LabelEdit.checked`).
    /// - Returns: the ids among the updates' that are samples of the dataset.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job.
    func setSampleLabels(
        _ updates: [SampleLabelUpdate], datasetId: String, ownJobId: String?, kind: DatasetKind, edit: LabelEdit
    ) async throws
        -> Set<String>
    {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            if let ownJobId { _ = try Self.fetchJob(db, id: ownJobId, datasetId: datasetId) }
            var samples: [String: SampleEntry] = [:]
            for id in Set(updates.map(\.sampleId)) {
                if let sample = try SampleRecord.fetchOne(db, key: id), sample.datasetId == datasetId { samples[id] = sample.entry }
            }
            let found = updates.filter { samples[$0.sampleId] != nil }
            let colors = try Self.addMissingLabels(db, datasetId: datasetId, kind: kind, annotations: found.flatMap(\.annotations), at: edit.date)

            var changed = false
            for update in found {
                guard var sample = samples[update.sampleId] else { continue }
                if let hard = update.hard, Self.apply(hard, to: &sample, at: edit.date) {
                    try SampleRecord(sample).update(db)
                    samples[sample.id] = sample
                    changed = true
                }
                if let ownJobId {
                    var row =
                        try JobSampleRecord.filter(JobSampleRecord.Columns.jobId == ownJobId && JobSampleRecord.Columns.sampleId == sample.id)
                        .fetchOne(db) ?? JobSampleRecord(jobId: ownJobId, sampleId: sample.id)
                    let current = row.annotations ?? sample.annotations
                    let stored = LabelEdit.stored(update.annotations, colors: colors, previous: current)
                    guard stored != current else { continue }
                    row.apply(stored, edit)
                    try row.save(db)
                } else {
                    let stored = LabelEdit.stored(update.annotations, colors: colors, previous: sample.annotations)
                    guard stored != sample.annotations else { continue }
                    edit.apply(stored, to: &sample)
                    try SampleRecord(sample).update(db)
                    samples[sample.id] = sample
                }
                changed = true
            }
            if changed { try Self.touchDataset(db, id: datasetId, at: edit.date) }
            return Set(samples.keys)
        }
    }

    /// Sets the sample's hard-example state; not hard clears the reasons and coefficient.
    /// - Returns: whether anything changed.
    static func apply(_ hard: HardExample, to sample: inout SampleEntry, at date: Date) -> Bool {
        let reasons = hard.reasons.isEmpty ? nil : hard.reasons
        guard sample.hard != hard.isHard || sample.hardReasons != reasons || sample.hardCoefficient != hard.coefficient else { return false }
        sample.hard = hard.isHard
        sample.hardReasons = reasons
        sample.hardCoefficient = hard.coefficient
        sample.updatedAt = date
        return true
    }

    /// Rewrites the labels of every sample of the dataset, and every job's own labels, that carry one of `names`, as
    /// `edit`.
    /// - Returns: the number of dataset samples changed.
    static func relabel(
        _ db: Database,
        datasetId: String,
        carrying names: [String],
        edit: LabelEdit,
        _ transform: ([Annotation]) -> [Annotation]
    ) throws -> Int {
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let carries = { (column: String) in
            "EXISTS (SELECT 1 FROM json_each(\(column)) AS annotation WHERE json_extract(annotation.value, '$.name') IN (\(placeholders)))"
        }
        let arguments = StatementArguments([datasetId] + names)
        let samples = try SampleRecord.fetchAll(
            db,
            sql: """
                SELECT * FROM sample WHERE datasetId = ?1
                AND id IN (SELECT sampleId FROM sampleLabel WHERE datasetId = ?1 AND name IN (\(placeholders)))
                """,
            arguments: arguments
        )
        for record in samples {
            var sample = record.entry
            edit.apply(transform(sample.annotations), to: &sample)
            try SampleRecord(sample).update(db, columns: SampleRecord.labelColumns)
        }
        let rows = try JobSampleRecord.fetchAll(
            db,
            sql: """
                SELECT jobSample.* FROM jobSample JOIN sample ON sample.id = jobSample.sampleId
                WHERE sample.datasetId = ? AND jobSample.annotations IS NOT NULL AND \(carries("jobSample.annotations"))
                """,
            arguments: arguments
        )
        for var row in rows {
            row.apply(transform(row.annotations ?? []), edit)
            try row.update(db)
        }
        return samples.count
    }
}
