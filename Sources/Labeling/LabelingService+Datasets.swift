import Foundation
import GRDB
import LabelFormats
import Logging

extension LabelingService {
    /// Creates a dataset and its default labeling job; nothing is read from the storage until the first sync.
    /// - Throws: `LabelingError` invalidArgument for a bad name, path or label, conflict for a name in use.
    public func createDataset(_ spec: DatasetSpec) async throws -> Dataset {
        try Self.checkName(spec.name, what: "dataset name", maxLength: 100)
        try Self.checkDescription(spec.description)
        let input = try StoragePath(parsing: spec.inputPath, field: "input path")
        let output = try StoragePath(parsing: spec.outputPath, field: "output path")
        if output.isWithin(input) {
            throw LabelingError.invalidArgument("The output path \(output) must not be the input path \(input) or inside it")
        }
        try Self.checkLabels(spec.labels, kind: spec.kind, existing: [])
        let now = Date()
        let record = DatasetRecord(
            id: Identifier.make(),
            name: spec.name,
            kind: spec.kind.rawValue,
            inputBucket: input.bucket,
            inputPrefix: input.prefix,
            outputPath: output.description,
            description: spec.description,
            defaultJobId: Identifier.make(),
            createdAt: now,
            updatedAt: now
        )
        let job = LabelingJobRecord(id: record.defaultJobId, datasetId: record.id, name: spec.name, isDefault: true, createdAt: now)
        try await catalog.write { db in
            if try DatasetRecord.filter(DatasetRecord.Columns.name == spec.name).fetchCount(db) > 0 {
                throw LabelingError.duplicateName("A dataset named \(spec.name) already exists")
            }
            try record.insert(db)
            try job.insert(db)
            try Self.insertLabels(db, datasetId: record.id, spec.labels, after: 0)
        }
        logger.info("Created dataset", metadata: ["labeling.dataset": "\(record.id)", "labeling.name": "\(spec.name)"])
        return try await dataset(id: record.id)
    }

    /// Datasets, newest first.
    public func listDatasets(offset: Int, limit: Int) async throws -> (datasets: [Dataset], total: Int) {
        try await catalog.read { db in
            let total = try DatasetRecord.fetchCount(db)
            let records =
                try DatasetRecord
                .order(DatasetRecord.Columns.createdAt.desc, DatasetRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (try records.map { try Self.dataset($0, db) }, total)
        }
    }

    /// - Throws: `LabelingError.datasetNotFound`.
    public func dataset(id: String) async throws -> Dataset {
        try await catalog.read { db in try Self.dataset(Self.fetchDataset(db, id: id), db) }
    }

    /// - Throws: `LabelingError.datasetNotFound`.
    public func dataset(named name: String) async throws -> Dataset {
        try await catalog.read { db in
            guard let record = try DatasetRecord.filter(DatasetRecord.Columns.name == name).fetchOne(db) else {
                throw LabelingError.datasetNotFound(name)
            }
            return try Self.dataset(record, db)
        }
    }

    /// Deletes the dataset, its jobs, samples, labels and sync history. Never deletes OBS data.
    public func deleteDataset(id: String) async throws {
        try await catalog.write { db in
            guard try DatasetRecord.deleteOne(db, key: id) else { throw LabelingError.datasetNotFound(id) }
        }
        logger.info("Deleted dataset", metadata: ["labeling.dataset": "\(id)"])
    }

    static func fetchDataset(_ db: Database, id: String) throws -> DatasetRecord {
        guard let record = try DatasetRecord.fetchOne(db, key: id) else { throw LabelingError.datasetNotFound(id) }
        return record
    }

    static func dataset(_ record: DatasetRecord, _ db: Database) throws -> Dataset {
        guard let kind = DatasetKind(rawValue: record.kind) else {
            throw LabelingError.internalError("Dataset \(record.id) has an unknown kind '\(record.kind)'")
        }
        return Dataset(
            id: record.id,
            name: record.name,
            kind: kind,
            inputBucket: record.inputBucket,
            inputPrefix: record.inputPrefix,
            outputPath: record.outputPath,
            description: record.description,
            labels: try fetchLabels(db, datasetId: record.id).map(\.label),
            createdAt: record.createdAt,
            updatedAt: record.updatedAt,
            defaultJobId: record.defaultJobId,
            counts: try sampleCounts(db, datasetId: record.id, jobId: nil)
        )
    }

    /// ModelArts names: letters, digits, `_` and `-`.
    static func checkName(_ name: String, what: String, maxLength: Int) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" || $0 == "-"
        }
        guard !name.isEmpty, name.count <= maxLength, allowed else {
            throw LabelingError.invalidArgument(
                "The \(what) '\(name)' must have 1 to \(maxLength) characters, only letters, digits, underscores (_) and hyphens (-)"
            )
        }
    }

    static func checkDescription(_ description: String) throws {
        let forbidden: Set<Character> = ["^", "!", "<", ">", "=", "&", "\"", "'"]
        guard description.count <= 256, !description.contains(where: forbidden.contains) else {
            throw LabelingError.invalidArgument("The description must have at most 256 characters, none of ^!<>=&\"'")
        }
    }
}
