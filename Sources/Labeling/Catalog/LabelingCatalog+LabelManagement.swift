import GRDB
import LabelFormats

/// Labels renamed, recolored and deleted on the label set and on every sample carrying them.
extension LabelingCatalog {
    /// Renames, recolors or sets properties of labels, all or none, each checked against the set (`LabelRules`).
    /// A rename changes the label on every sample carrying it (the dataset's labels and its jobs' own), as `edit`.
    /// - Returns: the number of dataset samples relabeled.
    /// - Throws: `LabelingError` notFound for an unknown dataset or label; invalidArgument or conflict from the checks.
    func changeLabels(_ changes: [LabelChange], datasetId: String, edit: LabelEdit) async throws -> Int {
        try await writer.write { db in
            let kind = try Self.fetchDatasetKind(db, id: datasetId).kind
            var renamed = 0
            for change in changes {
                var label = try Self.fetchLabel(db, datasetId: datasetId, name: change.name)
                if let color = change.color { label.color = color }
                label.properties.merge(change.properties) { $1 }
                try LabelRules.check([label.label], kind: kind, existing: [])
                guard let newName = change.renameTo, newName != label.name else {
                    try label.update(db)
                    continue
                }
                let names = Set(try Self.fetchLabels(db, datasetId: datasetId).map(\.name))
                try LabelRules.check([Label(name: newName, type: kind.labelType)], kind: kind, existing: names)
                renamed += try Self.relabel(db, datasetId: datasetId, carrying: [label.name], edit: edit) { annotations in
                    LabelRules.renamed(annotations, from: change.name, to: newName, kind: kind)
                }
                try label.delete(db)
                label.name = newName
                try label.insert(db)
            }
            try Self.touchDataset(db, id: datasetId, at: edit.date)
            return renamed
        }
    }

    /// Checks that the dataset has every label of `names`; with `withSamples`, also finds the dataset's samples whose
    /// every label is among them, in key order.
    /// - Throws: `LabelingError` notFound for an unknown dataset or label.
    func labelDeletionTargets(_ names: [String], datasetId: String, withSamples: Bool) async throws -> [String] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            for name in names { _ = try Self.fetchLabel(db, datasetId: datasetId, name: name) }
            guard withSamples else { return [] }
            let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
            return try String.fetchAll(
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
        }
    }

    /// Deletes labels from the label set and from every sample carrying them (the dataset's labels and its jobs' own),
    /// as `edit`. A label that one of the samples a deletion kept (`failures`, by sample id) still carries is kept,
    /// with that failure, so that the deletion can be tried again.
    /// - Throws: `LabelingError.labelNotFound` for a label gone meanwhile.
    func deleteLabels(
        _ names: [String], datasetId: String, keeping failures: [String: LabelingError], edit: LabelEdit
    ) async throws
        -> [LabelDeletionResult]
    {
        try await writer.write { db in
            var results: [LabelDeletionResult] = []
            for name in names {
                let kept = try SampleRecord.filter(failures.keys.contains(SampleRecord.Columns.id)).order(SampleRecord.Columns.key).fetchAll(db)
                    .filter { $0.annotations.contains { $0.name == name } }
                    .map(\.id)
                if let first = kept.first, let error = failures[first] {
                    let message = "Label \(name) was kept: \(kept.count) of its samples could not be deleted (\(first): \(error.message))"
                    results.append(LabelDeletionResult(name: name, error: LabelingError(code: error.code, message: message)))
                    continue
                }
                _ = try Self.relabel(db, datasetId: datasetId, carrying: [name], edit: edit) { $0.filter { $0.name != name } }
                try Self.fetchLabel(db, datasetId: datasetId, name: name).delete(db)
                results.append(LabelDeletionResult(name: name, error: nil))
            }
            try Self.touchDataset(db, id: datasetId, at: edit.date)
            return results
        }
    }
}
