import Foundation
import GRDB
import LabelFormats

/// A dataset's label set.
extension LabelingCatalog {
    /// The dataset's label set in the order labels were added, each with the number of the dataset's samples carrying it.
    /// - Throws: `LabelingError.datasetNotFound`.
    func labelStatistics(datasetId: String) async throws -> [LabelStatistic] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let counts = try Dictionary(
                Row.fetchAll(
                    db,
                    sql: "SELECT name, COUNT(*) AS samples FROM sampleLabel WHERE datasetId = ? GROUP BY name",
                    arguments: [datasetId]
                ).map { row -> (String, Int) in (row["name"] ?? "", row["samples"]) },
                uniquingKeysWith: +
            )
            return try Self.fetchLabels(db, datasetId: datasetId).map { LabelStatistic(label: $0.label, sampleCount: counts[$0.name] ?? 0) }
        }
    }

    /// Adds labels to the dataset's label set, after checking them against the set (`LabelRules.check`).
    /// - Throws: `LabelingError` notFound for an unknown dataset; invalidArgument or conflict from the check.
    func addLabels(_ labels: [Label], datasetId: String, at date: Date) async throws {
        try await writer.write { db in
            let kind = try Self.fetchDatasetKind(db, id: datasetId).kind
            let existing = try Self.fetchLabels(db, datasetId: datasetId)
            try LabelRules.check(labels, kind: kind, existing: Set(existing.map(\.name)))
            try Self.insertLabels(db, datasetId: datasetId, labels, after: existing.count, at: date)
            try Self.touchDataset(db, id: datasetId, at: date)
        }
    }

    static func fetchLabels(_ db: Database, datasetId: String) throws -> [DatasetLabelRecord] {
        try DatasetLabelRecord
            .filter(DatasetLabelRecord.Columns.datasetId == datasetId)
            .order(DatasetLabelRecord.Columns.position)
            .fetchAll(db)
    }

    /// - Throws: `LabelingError.labelNotFound`.
    static func fetchLabel(_ db: Database, datasetId: String, name: String) throws -> DatasetLabelRecord {
        let request = DatasetLabelRecord.filter(DatasetLabelRecord.Columns.datasetId == datasetId && DatasetLabelRecord.Columns.name == name)
        guard let label = try request.fetchOne(db) else {
            throw LabelingError.labelNotFound(name, datasetId: datasetId)
        }
        return label
    }

    /// Appends labels to the set after its `count` first; a label without a color gets the default one of its place.
    static func insertLabels(_ db: Database, datasetId: String, _ labels: [Label], after count: Int, at date: Date) throws {
        for (index, var label) in labels.enumerated() {
            let position = count + index
            if label.color == nil { label.color = LabelRules.defaultColor(position: position) }
            try DatasetLabelRecord(datasetId: datasetId, label: label, position: position, createdAt: date).insert(db)
        }
    }

    /// Adds the label names the annotations use that the label set lacks (with the annotation's color), as a sync does.
    /// - Returns: the color of every label of the set afterwards, by name.
    static func addMissingLabels(
        _ db: Database, datasetId: String, kind: DatasetKind, annotations: [Annotation], at date: Date
    ) throws
        -> [String: String?]
    {
        let existing = try fetchLabels(db, datasetId: datasetId)
        var names = Set(existing.map(\.name))
        var added: [Label] = []
        for annotation in annotations where names.insert(annotation.name).inserted {
            added.append(Label(name: annotation.name, type: kind.labelType, color: annotation.color))
        }
        try insertLabels(db, datasetId: datasetId, added, after: existing.count, at: date)
        return Dictionary(try fetchLabels(db, datasetId: datasetId).map { ($0.name, $0.color) }, uniquingKeysWith: { first, _ in first })
    }
}
