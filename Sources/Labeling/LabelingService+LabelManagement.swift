import Foundation
import GRDB
import LabelFormats
import Logging

/// "Label Management": rename, recolor and delete the labels of a dataset's label set, on every sample that carries
/// them (the dataset's labels and its labeling jobs' own). Published versions keep the labels they froze.
extension LabelingService {
    /// Renames, recolors or sets properties of labels, all or none.
    ///
    /// A rename changes the label on every sample carrying it, recording `author` as who labeled those samples.
    /// ModelArts does not document a merge: renaming onto a name the label set has is a conflict.
    /// - Throws: `LabelingError` notFound for an unknown dataset or label, invalidArgument for a bad name or color,
    ///   conflict for a new name in use.
    public func updateLabels(datasetId: String, _ changes: [LabelChange], author: String) async throws {
        try Self.checkAuthor(author)
        guard !changes.isEmpty else { throw LabelingError.invalidArgument("Name at least one label to change") }
        let edit = LabelEdit(author: author, date: Date())
        let renamed = try await catalog.write { db in
            let kind = try Self.kind(of: Self.fetchDataset(db, id: datasetId))
            var renamed = 0
            for change in changes {
                var label = try Self.fetchLabel(db, datasetId: datasetId, name: change.name)
                if let color = change.color { label.color = color }
                label.properties.merge(change.properties) { $1 }
                try Self.checkLabels([label.label], kind: kind, existing: [])
                guard let newName = change.renameTo, newName != label.name else {
                    try label.update(db)
                    continue
                }
                let names = Set(try Self.fetchLabels(db, datasetId: datasetId).map(\.name))
                try Self.checkLabels([Label(name: newName, type: kind.labelType)], kind: kind, existing: names)
                renamed += try Self.relabel(db, datasetId: datasetId, carrying: [label.name], edit: edit) { annotations in
                    Self.renamed(annotations, from: change.name, to: newName, kind: kind)
                }
                try label.delete(db)
                label.name = newName
                try label.insert(db)
            }
            return renamed
        }
        logger.info(
            "Changed labels",
            metadata: [
                "labeling.dataset": "\(datasetId)", "labeling.labels": "\(changes.map(\.name))", "labeling.author": "\(author)",
                "labeling.relabeledSamples": "\(renamed)",
            ]
        )
    }

    /// What deleting labels with `policy` would do, changing nothing: the samples left with no label that policies 1
    /// and 2 delete, and the impact of deleting them (with their source files for policy 2).
    /// - Throws: `LabelingError` notFound for an unknown dataset or label, invalidArgument for an empty list.
    public func labelDeletionPlan(datasetId: String, names: [String], policy: LabelDeletionPolicy) async throws -> LabelDeletionReport {
        let (names, sampleIds) = try await labelDeletionTargets(datasetId: datasetId, names: names, policy: policy)
        var impact: DeletionImpact?
        for chunk in Self.chunks(of: sampleIds) {
            let part = try await deletionImpact(datasetId: datasetId, sampleIds: chunk, deleteSource: policy == .samplesAndSourceFiles)
            impact = impact.map { $0.merging(part) } ?? part
        }
        return LabelDeletionReport(results: names.map { LabelDeletionResult(name: $0, error: nil) }, sampleIds: sampleIds, impact: impact)
    }

    /// Deletes labels from the label set and from every sample carrying them (the dataset's labels and its jobs' own).
    ///
    /// Policies 1 and 2 first delete the samples that carry only labels being deleted, through `deleteSamples`, so that
    /// they stay deleted through syncs and (for policy 2) their source files go with the impact worked out and
    /// recorded. A label some of whose samples could not be deleted is kept, so that the deletion can be tried again.
    /// - Throws: `LabelingError` notFound for an unknown dataset or label (nothing is deleted then), invalidArgument for
    ///   an empty list or a bad author.
    public func deleteLabels(datasetId: String, names: [String], policy: LabelDeletionPolicy, author: String) async throws -> LabelDeletionReport {
        try Self.checkAuthor(author)
        let (names, sampleIds) = try await labelDeletionTargets(datasetId: datasetId, names: names, policy: policy)
        var impact: DeletionImpact?
        var deleted: [String] = []
        var failures: [String: LabelingError] = [:]
        for chunk in Self.chunks(of: sampleIds) {
            let report = try await deleteSamples(datasetId: datasetId, sampleIds: chunk, deleteSource: policy == .samplesAndSourceFiles)
            impact = impact.map { $0.merging(report.impact) } ?? report.impact
            for result in report.results {
                if let error = result.error { failures[result.sampleId] = error } else { deleted.append(result.sampleId) }
            }
        }
        let edit = LabelEdit(author: author, date: Date())
        let results = try await catalog.write { [failures] db in
            var results: [LabelDeletionResult] = []
            for name in names {
                let kept = try Self.keptSamples(db, ids: Array(failures.keys), carrying: name)
                if let first = kept.first, let error = failures[first] {
                    let message = "Label \(name) was kept: \(kept.count) of its samples could not be deleted (\(first): \(error.message))"
                    results.append(LabelDeletionResult(name: name, error: LabelingError(code: error.code, message: message, kind: error.kind)))
                    continue
                }
                _ = try Self.relabel(db, datasetId: datasetId, carrying: [name], edit: edit) { $0.filter { $0.name != name } }
                try Self.fetchLabel(db, datasetId: datasetId, name: name).delete(db)
                results.append(LabelDeletionResult(name: name, error: nil))
            }
            return results
        }
        logger.info(
            "Deleted labels",
            metadata: [
                "labeling.dataset": "\(datasetId)", "labeling.labels": "\(names)", "labeling.policy": "\(policy.rawValue)",
                "labeling.deletedSamples": "\(deleted.count)", "labeling.author": "\(author)",
            ]
        )
        return LabelDeletionReport(results: results, sampleIds: deleted, impact: impact)
    }

    /// The labels (checked to exist, duplicates dropped) and, for policies 1 and 2, the dataset samples whose every
    /// label is among them, in key order.
    private func labelDeletionTargets(datasetId: String, names: [String], policy: LabelDeletionPolicy) async throws
        -> (names: [String], sampleIds: [String])
    {
        guard !names.isEmpty else { throw LabelingError.invalidArgument("Name at least one label to delete") }
        var seen = Set<String>()
        let names = names.filter { seen.insert($0).inserted }
        return try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            for name in names { _ = try Self.fetchLabel(db, datasetId: datasetId, name: name) }
            guard policy != .labelOnly else { return (names, []) }
            let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
            let ids = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM sample
                    WHERE datasetId = ? AND json_array_length(annotations) > 0 AND NOT EXISTS (
                        SELECT 1 FROM json_each(sample.annotations) AS annotation
                        WHERE json_extract(annotation.value, '$.name') NOT IN (\(placeholders))
                    )
                    ORDER BY key, line
                    """,
                arguments: StatementArguments([datasetId] + names)
            )
            return (names, ids)
        }
    }

    /// Rewrites the labels of every sample of the dataset, and every job's own labels, that carry one of `names`.
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
            sql: "SELECT * FROM sample WHERE datasetId = ? AND \(carries("sample.annotations"))",
            arguments: arguments
        )
        for var sample in samples {
            edit.apply(transform(sample.annotations), to: &sample)
            try sample.update(db)
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
            edit.apply(transform(row.annotations ?? []), to: &row)
            try row.update(db)
        }
        return samples.count
    }

    /// The label renamed; a classification sample that carried both names carries the new one once.
    static func renamed(_ annotations: [Annotation], from old: String, to new: String, kind: DatasetKind) -> [Annotation] {
        var names = Set<String>()
        return annotations.compactMap { annotation in
            var annotation = annotation
            if annotation.name == old { annotation.name = new }
            return kind == .objectDetection || names.insert(annotation.name).inserted ? annotation : nil
        }
    }

    static func fetchLabel(_ db: Database, datasetId: String, name: String) throws -> DatasetLabelRecord {
        guard let label = try DatasetLabelRecord.fetchOne(db, key: ["datasetId": datasetId, "name": name]) else {
            throw LabelingError.labelNotFound(name, datasetId: datasetId)
        }
        return label
    }

    /// Which of these samples (those a deletion kept) still exist and carry the label.
    private static func keptSamples(_ db: Database, ids: [String], carrying name: String) throws -> [String] {
        try SampleRecord.filter(ids.contains(SampleRecord.Columns.id)).order(SampleRecord.Columns.key).fetchAll(db)
            .filter { $0.annotations.contains { $0.name == name } }
            .map(\.id)
    }

    /// Sample ids in the slices one sample deletion takes.
    private static func chunks(of ids: [String]) -> [[String]] {
        let limit = Self.maxSamplesPerDeletion
        return stride(from: 0, to: ids.count, by: limit).map { Array(ids[$0..<min($0 + limit, ids.count)]) }
    }
}

extension DeletionImpact {
    /// The impact of two deletions from the same dataset, as one.
    func merging(_ other: DeletionImpact) -> DeletionImpact {
        var merged = self
        merged.sourceFiles += other.sourceFiles
        for dataset in other.otherDatasets {
            if let index = merged.otherDatasets.firstIndex(where: { $0.datasetId == dataset.datasetId }) {
                merged.otherDatasets[index].samples += dataset.samples
            } else {
                merged.otherDatasets.append(dataset)
            }
        }
        for version in other.versions {
            if let index = merged.versions.firstIndex(where: { $0.versionId == version.versionId }) {
                merged.versions[index].sources += version.sources.filter { !merged.versions[index].sources.contains($0) }
            } else {
                merged.versions.append(version)
            }
        }
        merged.otherDatasets.sort { ($0.datasetName, $0.datasetId) < ($1.datasetName, $1.datasetId) }
        merged.versions.sort { ($0.datasetName, $0.versionName, $0.versionId) < ($1.datasetName, $1.versionName, $1.versionId) }
        return merged
    }
}
