import Foundation
import GRDB

/// Dataset statistics, counted in SQL over the samples' stored labels and hard-example marks.
extension LabelingCatalog {
    /// - Parameter state: `.all`, or only the labeled or the unlabeled samples.
    /// - Throws: `LabelingError.datasetNotFound`.
    func statistics(datasetId: String, state: SampleStateFilter) async throws -> DatasetStatistics {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let scope: String =
                switch state {
                case .all: "sample.datasetId = ?"
                case .labeled: "sample.datasetId = ? AND sample.isLabeled"
                case .unlabeled: "sample.datasetId = ? AND NOT sample.isLabeled"
                }
            var usage: [String: (samples: Int, count: Int)] = [:]
            for row in try Row.fetchAll(
                db,
                sql: state == .all
                    ? """
                    SELECT name, COUNT(*) AS samples, SUM(annotationCount) AS count FROM sampleLabel
                    WHERE datasetId = ? GROUP BY name
                    """
                    : """
                    SELECT sampleLabel.name AS name, COUNT(*) AS samples, SUM(sampleLabel.annotationCount) AS count
                    FROM sampleLabel JOIN sample ON sample.id = sampleLabel.sampleId
                    WHERE sampleLabel.datasetId = sample.datasetId AND \(scope) GROUP BY sampleLabel.name
                    """,
                arguments: [datasetId]
            ) {
                usage[row["name"] ?? ""] = (row["samples"], row["count"])
            }
            let counts = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS total, COALESCE(SUM(sample.isLabeled), 0) AS labeled, COALESCE(SUM(sample.hard = 1), 0) AS hard
                    FROM sample WHERE \(scope)
                    """,
                arguments: [datasetId]
            )
            var reasons: [Int: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT reason.value AS reason, COUNT(*) AS count FROM sample, json_each(sample.hardReasons) AS reason
                    WHERE \(scope) AND sample.hard = 1 GROUP BY 1
                    """,
                arguments: [datasetId]
            ) {
                reasons[row["reason"]] = row["count"]
            }
            let total: Int = counts?["total"] ?? 0
            let labeled: Int = counts?["labeled"] ?? 0
            let deleted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deletedSample WHERE datasetId = ?", arguments: [datasetId]) ?? 0
            return DatasetStatistics(
                labels: try Self.fetchLabels(db, datasetId: datasetId).map { record in
                    let used = usage[record.name]
                    return DatasetStatistics.LabelUsage(label: record.label, sampleCount: used?.samples ?? 0, count: used?.count ?? 0)
                },
                counts: SampleCounts(all: total, labeled: labeled, unlabeled: total - labeled),
                deletedSampleCount: deleted,
                hardSampleCount: counts?["hard"] ?? 0,
                hardReasonCounts: reasons
            )
        }
    }
}
