import Foundation
import GRDB
import Logging
import LabelFormats

extension LabelingService {
    /// Publishes the dataset's samples (labeled or not) and labels as a new version: writes its manifest to the output
    /// path through the storage, then freezes the samples in the catalog. Nothing is recorded if a write fails.
    /// - Throws: `LabelingError` invalidArgument for a bad name or description, conflict for a name in use, internal
    ///   when the storage refuses a write (a bucket whose default KMS key the service may not use, for one).
    public func publishVersion(datasetId: String, _ spec: VersionSpec) async throws -> DatasetVersion {
        if let name = spec.name { try Self.checkName(name, what: "version name", maxLength: 32) }
        try Self.checkDescription(spec.description)
        let snapshot = try await catalog.read { db in try PublishSnapshot(db, datasetId: datasetId) }
        let dataset = snapshot.dataset
        let samples = snapshot.samples
        let name = spec.name ?? Self.nextVersionName(after: snapshot.versionNames)
        if snapshot.versionNames.contains(name) {
            throw LabelingError.duplicateName("Dataset \(dataset.name) already has a version named \(name)")
        }
        guard let kind = DatasetKind(rawValue: dataset.kind) else {
            throw LabelingError.internalError("Dataset \(dataset.id) has an unknown kind '\(dataset.kind)'")
        }
        let output = try StoragePath(parsing: dataset.outputPath, field: "output path")
        let manifest = VersionManifest(
            kind: kind,
            inputPrefix: dataset.inputPrefix,
            outputBucket: output.bucket,
            folder: output.prefix + "\(dataset.name)-\(dataset.id)/annotation/\(name)/",
            versionName: name,
            keepsHardExamples: !spec.clearsHardExamples
        )
        for file in try manifest.files(for: samples) {
            do {
                try await storage.writeObject(bucket: output.bucket, key: file.key, bytes: file.bytes, contentType: file.contentType)
            } catch {
                let storageError = StorageError.wrapping(error)
                throw LabelingError.publishFailed(
                    "Writing obs://\(output.bucket)/\(file.key) failed: \(storageError.code): \(storageError.message)"
                )
            }
        }
        let record = snapshot.versionRecord(name: name, description: spec.description, manifest: (output.bucket, manifest.manifestKey))
        try await catalog.write { db in
            if try DatasetVersionRecord.filter(DatasetVersionRecord.Columns.datasetId == datasetId && DatasetVersionRecord.Columns.name == name)
                .fetchCount(db) > 0
            {
                throw LabelingError.duplicateName("Dataset \(dataset.name) already has a version named \(name)")
            }
            _ = try Self.fetchDataset(db, id: datasetId)
            try record.insert(db)
            for sample in samples {
                try VersionSampleRecord(
                    versionId: record.id,
                    sampleId: sample.id,
                    bucket: sample.bucket,
                    key: sample.key,
                    line: sample.line,
                    annotations: sample.annotations
                ).insert(db)
            }
        }
        logger.info(
            "Published dataset version",
            metadata: ["labeling.dataset": "\(datasetId)", "labeling.version": "\(name)", "labeling.samples": "\(samples.count)"]
        )
        return record.version(isCurrent: true)
    }

    /// The dataset's versions, newest first; the newest is the current one.
    public func listVersions(datasetId: String, offset: Int, limit: Int) async throws -> (versions: [DatasetVersion], total: Int) {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let all = DatasetVersionRecord.filter(DatasetVersionRecord.Columns.datasetId == datasetId)
            let currentId = try Self.latestVersion(db, datasetId: datasetId)?.id
            let records = try all
                .order(DatasetVersionRecord.Columns.createdAt.desc, DatasetVersionRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (records.map { $0.version(isCurrent: $0.id == currentId) }, try all.fetchCount(db))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or version.
    public func version(datasetId: String, versionId: String) async throws -> DatasetVersion {
        try await catalog.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let record = try Self.fetchVersion(db, id: versionId, datasetId: datasetId)
            return record.version(isCurrent: try Self.latestVersion(db, datasetId: datasetId)?.id == record.id)
        }
    }

    /// Deletes the version from the catalog; its manifest stays in the output path, as the files a training job may
    /// still read.
    public func deleteVersion(datasetId: String, versionId: String) async throws {
        try await catalog.write { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            try Self.fetchVersion(db, id: versionId, datasetId: datasetId).delete(db)
        }
        logger.info("Deleted dataset version", metadata: ["labeling.dataset": "\(datasetId)", "labeling.version": "\(versionId)"])
    }

    static func fetchVersion(_ db: Database, id: String, datasetId: String) throws -> DatasetVersionRecord {
        guard
            let record = try DatasetVersionRecord.filter(DatasetVersionRecord.Columns.id == id && DatasetVersionRecord.Columns.datasetId == datasetId)
                .fetchOne(db)
        else { throw LabelingError.versionNotFound(id, datasetId: datasetId) }
        return record
    }

    static func latestVersion(_ db: Database, datasetId: String) throws -> DatasetVersionRecord? {
        try DatasetVersionRecord
            .filter(DatasetVersionRecord.Columns.datasetId == datasetId)
            .order(DatasetVersionRecord.Columns.createdAt.desc, DatasetVersionRecord.Columns.id)
            .fetchOne(db)
    }

    /// `V001`, `V002`, …: one more than the highest `Vnnn` name so far.
    static func nextVersionName(after names: [String]) -> String {
        let numbers = names.compactMap { name -> Int? in
            guard name.hasPrefix("V"), name.count >= 4 else { return nil }
            return Int(name.dropFirst())
        }
        let next = (numbers.max() ?? 0) + 1
        let digits = String(next)
        return "V" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}
