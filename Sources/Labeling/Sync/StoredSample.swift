import GRDB

/// What a sync needs to know of a sample it already has, to decide whether anything changed.
struct StoredSample: Sendable {
    var id: String
    var line: Int
    var etag: String
    var size: Int64
    var sidecarKey: String?
    var sidecarEtag: String?
    var reasonCode: UnlabeledReason.Code?

    /// The dataset's samples by object key (several for the lines of a text file).
    static func fetchAll(_ db: Database, datasetId: String) throws -> [String: [StoredSample]] {
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
        return samples
    }
}
