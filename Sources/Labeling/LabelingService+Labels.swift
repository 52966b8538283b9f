import Foundation
import GRDB
import LabelFormats

extension LabelingService {
    /// The dataset's label set in the order labels were added, each with the number of the dataset's samples carrying it.
    public func labels(datasetId: String) async throws -> [LabelStatistic] {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let counts = try Dictionary(
                Row.fetchAll(
                    db,
                    sql: """
                        SELECT json_extract(annotation.value, '$.name') AS name, COUNT(DISTINCT sample.id) AS samples
                        FROM sample, json_each(sample.annotations) AS annotation
                        WHERE sample.datasetId = ? GROUP BY 1
                        """,
                    arguments: [datasetId]
                ).map { row -> (String, Int) in (row["name"] ?? "", row["samples"]) },
                uniquingKeysWith: +
            )
            return try Self.fetchLabels(db, datasetId: datasetId).map { LabelStatistic(label: $0.label, sampleCount: counts[$0.name] ?? 0) }
        }
    }

    /// Adds labels to the dataset's label set: of the dataset's label type, with names not in the set yet.
    /// A label without a color gets one of the default colors.
    public func addLabels(datasetId: String, _ labels: [Label]) async throws {
        try await catalog.write { db in
            let record = try Self.fetchDataset(db, id: datasetId)
            guard let kind = DatasetKind(rawValue: record.kind) else { return }
            let existing = try Self.fetchLabels(db, datasetId: datasetId)
            try Self.checkLabels(labels, kind: kind, existing: Set(existing.map(\.name)))
            try Self.insertLabels(db, datasetId: datasetId, labels, after: existing.count)
        }
    }

    static func fetchLabels(_ db: Database, datasetId: String) throws -> [DatasetLabelRecord] {
        try DatasetLabelRecord
            .filter(DatasetLabelRecord.Columns.datasetId == datasetId)
            .order(DatasetLabelRecord.Columns.position)
            .fetchAll(db)
    }

    static func insertLabels(_ db: Database, datasetId: String, _ labels: [Label], after count: Int) throws {
        let now = Date()
        for (index, var label) in labels.enumerated() {
            let position = count + index
            if label.color == nil { label.color = defaultColor(position: position) }
            try DatasetLabelRecord(datasetId: datasetId, label: label, position: position, createdAt: now).insert(db)
        }
    }

    static func checkLabels(_ labels: [Label], kind: DatasetKind, existing: Set<String>) throws {
        var names = existing
        for label in labels {
            guard !label.name.isEmpty, label.name.count <= 1024, !label.name.contains(where: \.isNewline) else {
                throw LabelingError.invalidArgument("A label name must have 1 to 1024 characters and no line break")
            }
            guard label.type == kind.labelType else {
                throw LabelingError.invalidArgument(
                    "Label \(label.name) has type \(label.type); a \(kind.rawValue) dataset takes labels of type \(kind.labelType)"
                )
            }
            if let color = label.color, !Label.isValidColor(color) {
                throw LabelingError.invalidArgument("The color '\(color)' of label \(label.name) is not of the form #RRGGBB")
            }
            guard names.insert(label.name).inserted else {
                throw LabelingError.duplicateName("The dataset already has a label named \(label.name)")
            }
        }
    }

    /// The colors given to labels that come without one, in turn.
    static let defaultColors = ["#3399ff", "#ff6600", "#33cc66", "#cc33ff", "#ffcc00", "#ff3366", "#00cccc", "#996633"]

    static func defaultColor(position: Int) -> String {
        defaultColors[position % defaultColors.count]
    }
}
