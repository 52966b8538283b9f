import Foundation
import GRDB

/// Auto grouping tasks, and the sample attributes they write.
extension LabelingCatalog {
    /// Records a new task.
    /// - Throws: `LabelingError.datasetNotFound`.
    func startGrouping(_ task: GroupingTask) async throws {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: task.datasetId)
            try GroupingTaskRecord(task).insert(db)
        }
    }

    /// Saves the task's progress or outcome (a task of a deleted dataset is gone, and stays so).
    func updateGrouping(_ task: GroupingTask) async throws {
        try await writer.write { db in
            if try GroupingTaskRecord.exists(db, key: task.id) { try GroupingTaskRecord(task).update(db) }
        }
    }

    /// The images of the dataset to group, in key order: the order that makes the groups the same on every run.
    func groupingCandidates(datasetId: String) async throws -> [GroupingCandidate] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            return try Row.fetchAll(
                db,
                sql: "SELECT id, bucket, key FROM sample WHERE datasetId = ? ORDER BY bucket, key, line",
                arguments: [datasetId]
            ).map { GroupingCandidate(sampleId: $0["id"], bucket: $0["bucket"], key: $0["key"]) }
        }
    }

    /// Completes the task and sets the attribute of the grouped samples, in one transaction. The attribute is removed
    /// from the dataset's other samples (skipped ones: an old group would be wrong); samples deleted meanwhile are left
    /// out.
    func completeGrouping(_ task: GroupingTask, attribute: String, groups: [(sampleId: String, value: String)]) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "DELETE FROM sampleAttribute WHERE name = ? AND sampleId IN (SELECT id FROM sample WHERE datasetId = ?)",
                arguments: [attribute, task.datasetId]
            )
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO sampleAttribute (sampleId, name, value)
                    SELECT id, ?, ? FROM sample WHERE id = ? AND datasetId = ?
                    """
            )
            for group in groups {
                try insert.execute(arguments: [attribute, group.value, group.sampleId, task.datasetId])
            }
            if try GroupingTaskRecord.exists(db, key: task.id) { try GroupingTaskRecord(task).update(db) }
        }
    }

    /// The dataset's tasks, newest first.
    /// - Throws: `LabelingError.datasetNotFound`.
    func groupingTasks(datasetId: String, offset: Int, limit: Int) async throws -> (tasks: [GroupingTask], total: Int) {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let all = GroupingTaskRecord.filter(GroupingTaskRecord.Columns.datasetId == datasetId)
            let records = try all.order(GroupingTaskRecord.Columns.createdAt.desc, GroupingTaskRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (records.map(\.task), try all.fetchCount(db))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or task.
    func groupingTask(id: String, datasetId: String) async throws -> GroupingTask {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            guard let record = try GroupingTaskRecord.fetchOne(db, key: id), record.datasetId == datasetId else {
                throw LabelingError.groupingTaskNotFound(id, datasetId: datasetId)
            }
            return record.task
        }
    }

    /// Each attribute name of the dataset's samples with its values, sorted.
    /// - Throws: `LabelingError.datasetNotFound`.
    func sampleAttributeValues(datasetId: String) async throws -> [String: [String]] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT attribute.name, attribute.value FROM sampleAttribute AS attribute
                    JOIN sample ON sample.id = attribute.sampleId WHERE sample.datasetId = ? ORDER BY 1, 2
                    """,
                arguments: [datasetId]
            )
            return Dictionary(grouping: rows, by: { $0["name"] as String }).mapValues { $0.map { $0["value"] as String } }
        }
    }

    /// The attributes of these samples, by sample id.
    static func attributes(_ db: Database, sampleIds: [String]) throws -> [String: [String: String]] {
        guard !sampleIds.isEmpty else { return [:] }
        var attributes: [String: [String: String]] = [:]
        for chunk in stride(from: 0, to: sampleIds.count, by: 500).map({ Array(sampleIds[$0..<min($0 + 500, sampleIds.count)]) }) {
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT sampleId, name, value FROM sampleAttribute WHERE sampleId IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                arguments: StatementArguments(chunk)
            )
            for row in rows { attributes[row["sampleId"], default: [:]][row["name"]] = row["value"] as String }
        }
        return attributes
    }
}
