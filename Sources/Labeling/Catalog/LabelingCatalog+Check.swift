import GRDB

/// The labeling catalog's side of the offline check (`obslab fsck`): SQLite's integrity check and every reference
/// between rows, read without migrating or changing anything.
extension LabelingCatalog {
    static func check(path: String) throws -> LabelingCatalogCheck {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            var check = LabelingCatalogCheck()
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] {
                check.problems += integrity.map { "the labeling catalog file is damaged: \($0); restore it from a backup" }
            }
            let broken = try Row.fetchAll(
                db,
                sql: #"SELECT "table", parent, COUNT(*) FROM pragma_foreign_key_check GROUP BY "table", parent ORDER BY "table", parent"#
            )
            for row in broken {
                let (table, parent, count): (String, String, Int) = (row[0], row[1], row[2])
                check.problems.append("\(count) row(s) of \(table) refer to a \(parent) that does not exist")
            }
            check.datasets = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dataset") ?? 0
            check.samples = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sample") ?? 0
            return check
        }
    }
}
