import GRDB

/// Published versions and the samples they froze.
extension LabelingCatalog {
    /// What publishing a version reads, in one transaction: the dataset as it is now with its samples in key order,
    /// the version before and the labels it froze, and the version names in use.
    /// - Throws: `LabelingError.datasetNotFound`.
    func publishSnapshot(datasetId: String) async throws -> PublishSnapshot {
        try await writer.read { db in
            let dataset = try Self.dataset(Self.fetchDataset(db, id: datasetId), db)
            let samples = try Self.samplesInKeyOrder(db, datasetId: datasetId)
            let previous = try Self.latestVersion(db, datasetId: datasetId)
            let frozen = try previous.map { try VersionSampleRecord.filter(VersionSampleRecord.Columns.versionId == $0.id).fetchAll(db) } ?? []
            let names = try String.fetchAll(
                db,
                DatasetVersionRecord.filter(DatasetVersionRecord.Columns.datasetId == datasetId).select(DatasetVersionRecord.Columns.name)
            )
            return PublishSnapshot(
                dataset: dataset,
                samples: samples,
                previous: previous?.version(isCurrent: true),
                previousAnnotations: Dictionary(frozen.map { ($0.sampleId, $0.annotations) }, uniquingKeysWith: { first, _ in first }),
                versionNames: names
            )
        }
    }

    /// Records a published version, whose manifest is `manifest`, and freezes its samples.
    /// - Throws: `LabelingError` conflict for a name the dataset's versions took meanwhile, notFound for a dataset
    ///   deleted meanwhile.
    func recordVersion(_ version: DatasetVersion, manifest: (bucket: String, key: String), samples: [SampleEntry]) async throws {
        try await writer.write { db in
            let taken = DatasetVersionRecord.filter(
                DatasetVersionRecord.Columns.datasetId == version.datasetId && DatasetVersionRecord.Columns.name == version.name
            )
            if try taken.fetchCount(db) > 0 {
                let dataset = try Self.fetchDataset(db, id: version.datasetId)
                throw LabelingError.duplicateName("Dataset \(dataset.name) already has a version named \(version.name)")
            }
            _ = try Self.fetchDataset(db, id: version.datasetId)
            try DatasetVersionRecord(version, manifestBucket: manifest.bucket, manifestKey: manifest.key).insert(db)
            for sample in samples {
                try VersionSampleRecord(versionId: version.id, sample: sample).insert(db)
            }
            // A new version becomes the current one, as in ModelArts.
            try DatasetRecord.filter(key: version.datasetId).updateAll(db, DatasetRecord.Columns.currentVersionId.set(to: nil))
        }
    }

    /// The dataset's versions, newest first; the current one is the one a user chose, else the newest.
    /// - Throws: `LabelingError.datasetNotFound`.
    func versions(datasetId: String, offset: Int, limit: Int) async throws -> (versions: [DatasetVersion], total: Int) {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let all = DatasetVersionRecord.filter(DatasetVersionRecord.Columns.datasetId == datasetId)
            let currentId = try Self.currentVersion(db, datasetId: datasetId)?.id
            let records =
                try all
                .order(DatasetVersionRecord.Columns.createdAt.desc, DatasetVersionRecord.Columns.id)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
            return (records.map { $0.version(isCurrent: $0.id == currentId) }, try all.fetchCount(db))
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset or version.
    func version(id: String, datasetId: String) async throws -> DatasetVersion {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let record = try Self.fetchVersion(db, id: id, datasetId: datasetId)
            return record.version(isCurrent: try Self.currentVersion(db, datasetId: datasetId)?.id == record.id)
        }
    }

    /// Deletes the version and its frozen samples from the catalog.
    /// - Throws: `LabelingError` notFound for an unknown dataset or version.
    func deleteVersion(id: String, datasetId: String) async throws {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            try Self.fetchVersion(db, id: id, datasetId: datasetId).delete(db)
            try DatasetRecord
                .filter(key: datasetId)
                .filter(DatasetRecord.Columns.currentVersionId == id)
                .updateAll(db, DatasetRecord.Columns.currentVersionId.set(to: nil))
        }
    }

    /// The version the dataset's `currentVersionId` names, else the newest; nil for a dataset with no version.
    static func currentVersion(_ db: Database, datasetId: String) throws -> DatasetVersionRecord? {
        let chosen = try DatasetRecord.fetchOne(db, key: datasetId)?.currentVersionId
        if let chosen, let record = try DatasetVersionRecord.fetchOne(db, key: chosen) { return record }
        return try latestVersion(db, datasetId: datasetId)
    }

    static func fetchVersion(_ db: Database, id: String, datasetId: String) throws -> DatasetVersionRecord {
        let request = DatasetVersionRecord.filter(DatasetVersionRecord.Columns.id == id && DatasetVersionRecord.Columns.datasetId == datasetId)
        guard let record = try request.fetchOne(db) else { throw LabelingError.versionNotFound(id, datasetId: datasetId) }
        return record
    }

    private static func latestVersion(_ db: Database, datasetId: String) throws -> DatasetVersionRecord? {
        try DatasetVersionRecord
            .filter(DatasetVersionRecord.Columns.datasetId == datasetId)
            .order(DatasetVersionRecord.Columns.createdAt.desc, DatasetVersionRecord.Columns.id)
            .fetchOne(db)
    }
}
