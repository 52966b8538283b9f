import GRDB

/// The samples of a dataset deleted without their files, by key and line, with the ETag their file had then: a sync
/// does not bring such a sample back while the file is unchanged.
struct DeletedSamples: Sendable {
    private var etags: [String: [Int: String]] = [:]

    static func fetch(_ db: Database, datasetId: String, bucket: String) throws -> DeletedSamples {
        var deleted = DeletedSamples()
        let rows = try Row.fetchCursor(
            db,
            sql: "SELECT key, line, etag FROM deletedSample WHERE datasetId = ? AND bucket = ?",
            arguments: [datasetId, bucket]
        )
        while let row = try rows.next() {
            deleted.etags[row["key"], default: [:]][row["line"]] = row["etag"]
        }
        return deleted
    }

    var isEmpty: Bool { etags.isEmpty }

    /// Whether the sample at `line` of `key` (0: the whole object) was deleted while its file had `etag`.
    func excludes(key: String, line: Int, etag: String) -> Bool {
        etags[key]?[line] == etag
    }
}
