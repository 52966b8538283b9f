import Foundation
import GRDB

extension LabelingService {
    /// Creates a labeling job holding the dataset's current samples; later syncs keep it in step with the dataset.
    public func createJob(datasetId: String, name: String) async throws -> LabelingJob {
        try Self.checkName(name, what: "labeling job name", maxLength: 64)
        let record = LabelingJobRecord(id: Identifier.make(), datasetId: datasetId, name: name, isDefault: false, createdAt: Date())
        try await catalog.write { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let taken =
                try LabelingJobRecord
                .filter(LabelingJobRecord.Columns.datasetId == datasetId && LabelingJobRecord.Columns.name == name)
                .fetchCount(db)
            if taken > 0 { throw LabelingError.duplicateName("A labeling job named \(name) already exists in dataset \(datasetId)") }
            try record.insert(db)
            try Self.syncJobSamples(db, jobId: record.id, datasetId: datasetId)
        }
        return record.job
    }

    /// The dataset's labeling jobs, the default one first.
    public func listJobs(datasetId: String) async throws -> [LabelingJob] {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            return
                try LabelingJobRecord
                .filter(LabelingJobRecord.Columns.datasetId == datasetId)
                .order(sql: "isDefault DESC, createdAt, id")
                .fetchAll(db)
                .map(\.job)
        }
    }

    static func fetchJob(_ db: Database, id: String, datasetId: String) throws -> LabelingJobRecord {
        guard let record = try LabelingJobRecord.fetchOne(db, key: id), record.datasetId == datasetId else {
            throw LabelingError.jobNotFound(id, datasetId: datasetId)
        }
        return record
    }

    /// Gives the job a row for every dataset sample it lacks. Rows of deleted samples go with them (ON DELETE CASCADE),
    /// and rows with labels edited in the job are left as they are.
    static func syncJobSamples(_ db: Database, jobId: String, datasetId: String) throws {
        try db.execute(
            sql: """
                INSERT INTO jobSample (jobId, sampleId)
                SELECT ?, sample.id FROM sample
                WHERE sample.datasetId = ? AND NOT EXISTS (SELECT 1 FROM jobSample WHERE jobId = ? AND sampleId = sample.id)
                """,
            arguments: [jobId, datasetId, jobId]
        )
    }
}
