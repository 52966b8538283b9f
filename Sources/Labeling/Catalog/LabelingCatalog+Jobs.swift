import Foundation
import GRDB

/// Labeling jobs and their copies of the dataset's samples.
extension LabelingCatalog {
    /// Records a labeling job holding the dataset's current samples.
    /// - Throws: `LabelingError` notFound for an unknown dataset, conflict for a name the dataset's jobs use.
    func createJob(_ job: LabelingJob) async throws {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: job.datasetId)
            let taken =
                try LabelingJobRecord
                .filter(LabelingJobRecord.Columns.datasetId == job.datasetId && LabelingJobRecord.Columns.name == job.name)
                .fetchCount(db)
            if taken > 0 { throw LabelingError.duplicateName("A labeling job named \(job.name) already exists in dataset \(job.datasetId)") }
            try LabelingJobRecord(job).insert(db)
            try Self.syncJobSamples(db, jobId: job.id, datasetId: job.datasetId)
        }
    }

    /// The dataset's labeling jobs, the default one first.
    /// - Throws: `LabelingError.datasetNotFound`.
    func jobs(datasetId: String) async throws -> [LabelingJob] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            return
                try LabelingJobRecord
                .filter(LabelingJobRecord.Columns.datasetId == datasetId)
                .order(LabelingJobRecord.Columns.isDefault.desc, LabelingJobRecord.Columns.createdAt, LabelingJobRecord.Columns.id)
                .fetchAll(db)
                .map(\.job)
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or job.
    func job(id: String, datasetId: String) async throws -> LabelingJob {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            return try Self.fetchJob(db, id: id, datasetId: datasetId).job
        }
    }

    /// Renames the job and sets its description, each when given.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, duplicateName for a name another of the dataset's
    ///   jobs has.
    func updateJob(id: String, datasetId: String, name: String?, description: String?, at date: Date) async throws -> LabelingJob {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            var record = try Self.fetchJob(db, id: id, datasetId: datasetId)
            if let name, name != record.name {
                let taken = LabelingJobRecord.filter(
                    LabelingJobRecord.Columns.datasetId == datasetId && LabelingJobRecord.Columns.name == name && LabelingJobRecord.Columns.id != id
                )
                if try taken.fetchCount(db) > 0 {
                    throw LabelingError.duplicateName("A labeling job named \(name) already exists in dataset \(datasetId)")
                }
                record.name = name
            }
            if let description { record.description = description }
            record.updatedAt = date
            try record.update(db)
            return record.job
        }
    }

    /// Deletes a labeling job other than the default one, and its own labels; the dataset's samples and labels stay.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument for the default job.
    func deleteJob(id: String, datasetId: String) async throws {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let record = try Self.fetchJob(db, id: id, datasetId: datasetId)
            if record.isDefault { throw LabelingError.invalidArgument("Labeling job \(record.name) is the dataset's default job") }
            try record.delete(db)
        }
    }

    /// Deletes the dataset's default labeling job and, as ModelArts does, the labels it holds, which are the dataset's:
    /// every labeled sample becomes unlabeled with the reason `deletedWithDefaultJob`. A new, empty default job takes
    /// its place (id `newJobId`, same name), so the dataset stays usable. The samples keep the key and ETag of their
    /// label files, so a sync does not read them again (the labels stay lost, as in ModelArts) until they change or
    /// ``forgetLabelFilesOfDeletedLabels(datasetId:)`` asks for it.
    /// - Returns: how many samples lost their labels.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument for a job that is not the default.
    func deleteDefaultJob(id: String, datasetId: String, newJobId: String, edit: LabelEdit) async throws -> Int {
        try await writer.write { db in
            var dataset = try Self.fetchDataset(db, id: datasetId)
            let record = try Self.fetchJob(db, id: id, datasetId: datasetId)
            guard record.isDefault else { throw LabelingError.invalidArgument("Labeling job \(record.name) is not the dataset's default job") }
            let labeled = try SampleRecord.filter(SampleRecord.Columns.datasetId == datasetId && SampleRecord.Columns.isLabeled == true).fetchAll(db)
            let reason = UnlabeledReason(
                code: .deletedWithDefaultJob,
                message: "its labels were deleted with the dataset's default labeling job \(record.name), by \(edit.author) at "
                    + edit.date.formatted(.iso8601)
            )
            for var sample in labeled.map(\.entry) {
                sample.annotations = []
                sample.isLabeled = false
                sample.labelSource = nil
                sample.unlabeledReason = reason
                sample.labeledBy = nil
                sample.labeledAt = nil
                sample.updatedAt = edit.date
                try SampleRecord(sample).update(db)
            }
            try record.delete(db)
            var replacement = record.job
            replacement.id = newJobId
            replacement.createdAt = edit.date
            replacement.updatedAt = edit.date
            try LabelingJobRecord(replacement).insert(db)
            dataset.defaultJobId = newJobId
            dataset.updatedAt = edit.date
            try dataset.update(db)
            try Self.syncJobSamples(db, jobId: newJobId, datasetId: datasetId)
            return labeled.count
        }
    }

    /// Makes the next sync read again the label files of the samples whose labels went with the default job.
    /// - Returns: how many samples will be read again.
    /// - Throws: `LabelingError.datasetNotFound`.
    func forgetLabelFilesOfDeletedLabels(datasetId: String) async throws -> Int {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let unlabeled = try SampleRecord.filter(SampleRecord.Columns.datasetId == datasetId && SampleRecord.Columns.isLabeled == false).fetchAll(
                db)
            var count = 0
            for var record in unlabeled where record.unlabeledReason?.code == .deletedWithDefaultJob {
                record.sidecarEtag = nil
                try record.update(db)
                count += 1
            }
            return count
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

    /// Brings the dataset's new samples into every one of its labeling jobs.
    static func syncAllJobSamples(_ db: Database, datasetId: String) throws {
        for job in try LabelingJobRecord.filter(LabelingJobRecord.Columns.datasetId == datasetId).fetchAll(db) {
            try syncJobSamples(db, jobId: job.id, datasetId: datasetId)
        }
    }
}
