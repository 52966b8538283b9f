import Foundation
import GRDB

/// Exports to OBS: their tasks, and the samples they write.
extension LabelingCatalog {
    /// Records a new task.
    /// - Throws: `LabelingError.datasetNotFound`.
    func startExport(_ task: ExportTask) async throws {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: task.datasetId)
            try ExportTaskRecord(task).insert(db)
        }
    }

    /// Saves the task's progress or outcome (a task of a deleted dataset is gone, and stays so).
    func updateExport(_ task: ExportTask) async throws {
        try await writer.write { db in
            if try ExportTaskRecord.exists(db, key: task.id) { try ExportTaskRecord(task).update(db) }
        }
    }

    /// The dataset as it is now and its samples, in key order, then line order.
    /// - Throws: `LabelingError.datasetNotFound`.
    func exportSnapshot(datasetId: String) async throws -> (dataset: Dataset, samples: [SampleEntry]) {
        try await writer.read { db in
            let dataset = try Self.dataset(Self.fetchDataset(db, id: datasetId), db)
            let samples = try Self.samplesInKeyOrder(db, datasetId: datasetId)
            return (dataset, samples)
        }
    }

    /// The dataset's exports (those of one selection, when given), newest first.
    /// - Throws: `LabelingError.datasetNotFound`.
    func exportTasks(datasetId: String, selection: ExportSpec.Selection?, offset: Int, limit: Int) async throws -> (tasks: [ExportTask], total: Int) {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            var all = ExportTaskRecord.filter(ExportTaskRecord.Columns.datasetId == datasetId)
            if let selection {
                all = all.filter(sql: "json_extract(spec, '$.selection') = ?", arguments: [selection.rawValue])
            }
            let records = try all.order(ExportTaskRecord.Columns.createdAt.desc, ExportTaskRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (records.map(\.task), try all.fetchCount(db))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or task.
    func exportTask(id: String, datasetId: String) async throws -> ExportTask {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            guard let record = try ExportTaskRecord.fetchOne(db, key: id), record.datasetId == datasetId else {
                throw LabelingError.exportTaskNotFound(id, datasetId: datasetId)
            }
            return record.task
        }
    }
}
