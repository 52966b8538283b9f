import Foundation
import GRDB
import LabelFormats

/// Datasets: their settings, label sets and sample counts.
extension LabelingCatalog {
    /// Records a new dataset with its default labeling job (named after it) and its initial labels.
    /// - Throws: `LabelingError.duplicateName` for a name in use.
    func createDataset(_ dataset: Dataset) async throws {
        try await writer.write { db in
            if try DatasetRecord.filter(DatasetRecord.Columns.name == dataset.name).fetchCount(db) > 0 {
                throw LabelingError.duplicateName("A dataset named \(dataset.name) already exists")
            }
            try DatasetRecord(dataset).insert(db)
            let job = LabelingJob(id: dataset.defaultJobId, datasetId: dataset.id, name: dataset.name, isDefault: true, createdAt: dataset.createdAt)
            try LabelingJobRecord(job).insert(db)
            try Self.insertLabels(db, datasetId: dataset.id, dataset.labels, after: 0, at: dataset.createdAt)
        }
    }

    /// The datasets `query` selects, in its order (ties by id), and how many it selects in all.
    func datasets(_ query: DatasetQuery, offset: Int, limit: Int) async throws -> (datasets: [Dataset], total: Int) {
        try await writer.read { db in
            var request = DatasetRecord.all()
            if let kind = query.kind { request = request.filter(DatasetRecord.Columns.kind == kind.rawValue) }
            if let text = query.nameContains, !text.isEmpty {
                let pattern =
                    "%"
                    + text.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
                request = request.filter(sql: "name LIKE ? ESCAPE '\\'", arguments: [pattern])
            }
            let total = try request.fetchCount(db)
            let column = query.sortKey == .name ? DatasetRecord.Columns.name : DatasetRecord.Columns.createdAt
            let records =
                try request
                .order(query.ascending ? column.asc : column.desc, DatasetRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (try records.map { try Self.dataset($0, db) }, total)
        }
    }

    /// - Throws: `LabelingError.datasetNotFound`.
    func dataset(id: String) async throws -> Dataset {
        try await writer.read { db in try Self.dataset(Self.fetchDataset(db, id: id), db) }
    }

    /// - Throws: `LabelingError.datasetNotFound`.
    func dataset(named name: String) async throws -> Dataset {
        try await writer.read { db in
            guard let record = try DatasetRecord.filter(DatasetRecord.Columns.name == name).fetchOne(db) else {
                throw LabelingError.datasetNotFound(name)
            }
            return try Self.dataset(record, db)
        }
    }

    /// Deletes the dataset and everything of it in the catalog (jobs, samples, labels, syncs, versions, imports).
    /// - Throws: `LabelingError.datasetNotFound`.
    func deleteDataset(id: String) async throws {
        try await writer.write { db in
            guard try DatasetRecord.deleteOne(db, key: id) else { throw LabelingError.datasetNotFound(id) }
        }
    }

    /// Points the dataset at another input path; its samples' keys move with the path (`old/prefix/a.jpg` becomes
    /// `new/prefix/a.jpg`) and forget their label files' ETags, so that the next sync reads every label file again.
    /// - Throws: `LabelingError.datasetNotFound`.
    func changeInputPath(datasetId: String, to input: StoragePath, at date: Date) async throws {
        try await writer.write { db in
            let record = try Self.fetchDataset(db, id: datasetId)
            guard input.bucket != record.inputBucket || input.prefix != record.inputPrefix else { return }
            try db.execute(
                sql: "UPDATE sample SET bucket = ?, key = ? || substr(key, ?), sidecarEtag = NULL WHERE datasetId = ?",
                arguments: [input.bucket, input.prefix, record.inputPrefix.utf8.count + 1, datasetId]
            )
            try DatasetRecord
                .filter(key: datasetId)
                .updateAll(
                    db,
                    DatasetRecord.Columns.inputBucket.set(to: input.bucket),
                    DatasetRecord.Columns.inputPrefix.set(to: input.prefix),
                    DatasetRecord.Columns.updatedAt.set(to: date.catalogValue)
                )
        }
    }

    /// Renames the dataset, sets its description and its current version, each when given, in one transaction.
    /// - Throws: `LabelingError` datasetNotFound, duplicateName for a name another dataset has, invalidArgument for a
    ///   version the dataset does not have.
    func updateSettings(datasetId: String, _ update: DatasetUpdate, at date: Date) async throws {
        try await writer.write { db in
            var record = try Self.fetchDataset(db, id: datasetId)
            if let name = update.name, name != record.name {
                let taken = DatasetRecord.filter(DatasetRecord.Columns.name == name && DatasetRecord.Columns.id != datasetId)
                if try taken.fetchCount(db) > 0 { throw LabelingError.duplicateName("A dataset named \(name) already exists") }
                record.name = name
            }
            if let description = update.description { record.description = description }
            if let versionId = update.currentVersionId {
                let version = DatasetVersionRecord.filter(
                    DatasetVersionRecord.Columns.id == versionId && DatasetVersionRecord.Columns.datasetId == datasetId
                )
                guard try version.fetchCount(db) > 0 else {
                    throw LabelingError.invalidArgument("current_version_id \(versionId) is not a version of dataset \(record.name)")
                }
                record.currentVersionId = versionId
            }
            record.updatedAt = date
            try record.update(db)
        }
    }

    /// The dataset's versions, deleted samples, labeling jobs and last data change.
    /// - Throws: `LabelingError.datasetNotFound`.
    func activity(datasetId: String) async throws -> DatasetActivity {
        try await writer.read { db in
            let record = try Self.fetchDataset(db, id: datasetId)
            let current = try Self.currentVersion(db, datasetId: datasetId)
            let names = try String.fetchAll(db, sql: "SELECT name FROM datasetVersion WHERE datasetId = ?", arguments: [datasetId])
            let deleted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deletedSample WHERE datasetId = ?", arguments: [datasetId]) ?? 0
            let jobs =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM labelingJob WHERE datasetId = ? AND NOT isDefault", arguments: [datasetId]) ?? 0
            let changed = try Double.fetchOne(
                db,
                sql: """
                    SELECT MAX(
                        COALESCE((SELECT MAX(updatedAt) FROM sample WHERE datasetId = ?1), 0),
                        COALESCE((SELECT MAX((SELECT MAX(labeledAt) FROM jobSample WHERE jobSample.jobId = labelingJob.id))
                            FROM labelingJob WHERE labelingJob.datasetId = ?1), 0),
                        COALESCE((SELECT MAX(deletedAt) FROM deletedSample WHERE datasetId = ?1), 0))
                    """,
                arguments: [datasetId]
            )
            let dataUpdatedAt = changed.map { Date(timeIntervalSinceReferenceDate: $0) }.map { max($0, record.createdAt) } ?? record.createdAt
            return DatasetActivity(
                currentVersionId: current?.id,
                currentVersionName: current?.name,
                versionCount: names.count,
                nextVersionNumber: VersionService.nextVersionNumber(after: names),
                deletedSampleCount: deleted,
                jobCount: jobs,
                dataUpdatedAt: dataUpdatedAt
            )
        }
    }

    /// Records that the dataset changed at `date` (its `update_time`): every write that changes its settings, label
    /// set or samples does, in its transaction.
    static func touchDataset(_ db: Database, id: String, at date: Date) throws {
        try DatasetRecord.filter(key: id).updateAll(db, DatasetRecord.Columns.updatedAt.set(to: date.catalogValue))
    }

    static func fetchDataset(_ db: Database, id: String) throws -> DatasetRecord {
        guard let record = try DatasetRecord.fetchOne(db, key: id) else { throw LabelingError.datasetNotFound(id) }
        return record
    }

    /// The dataset with its label set and sample counts.
    static func dataset(_ record: DatasetRecord, _ db: Database) throws -> Dataset {
        try record.dataset(
            labels: try fetchLabels(db, datasetId: record.id).map(\.label),
            counts: try sampleCounts(db, datasetId: record.id, jobId: nil)
        )
    }

    /// The dataset's record and kind, for the statements that need no more of it.
    static func fetchDatasetKind(_ db: Database, id: String) throws -> (record: DatasetRecord, kind: DatasetKind) {
        let record = try fetchDataset(db, id: id)
        guard let kind = DatasetKind(rawValue: record.kind) else {
            throw LabelingError.internalError("Dataset \(record.id) has an unknown kind '\(record.kind)'")
        }
        return (record, kind)
    }
}
