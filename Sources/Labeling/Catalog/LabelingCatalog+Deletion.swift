import Foundation
import GRDB

/// Sample deletions, what they break, and the source files they deleted.
extension LabelingCatalog {
    /// Works out a sample deletion before anything is deleted, in one transaction: which requested samples the dataset
    /// has, their source files, and when the files go with them, the other datasets and the versions that use those.
    /// - Throws: `LabelingError.datasetNotFound`.
    func deletionPlan(datasetId: String, sampleIds: [String], deleteSource: Bool, keepLabelFiles: Bool) async throws -> DeletionPlan {
        try await writer.read { db in
            let dataset = try Self.dataset(Self.fetchDataset(db, id: datasetId), db)
            let found =
                try SampleRecord
                .filter(SampleRecord.Columns.datasetId == datasetId && sampleIds.contains(SampleRecord.Columns.id))
                .fetchAll(db)
                .map(\.entry)
            var plan = DeletionPlan(dataset: dataset, sampleIds: sampleIds, found: found, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
            if plan.deletesSource {
                plan.otherDatasets = try Self.otherDatasets(db, files: plan.sourceFiles, except: datasetId)
                plan.versions = try Self.versions(db, files: plan.sourceFiles)
            }
            return plan
        }
    }

    /// Removes deleted samples; remembers the samples deleted without their file (so that syncs leave them out) and
    /// the files deleted (so that a later source check can say who deleted them); marks the dataset changed.
    func recordDeletion(of samples: [SampleEntry], from dataset: Dataset, impact: DeletionImpact, at now: Date) async throws {
        guard !samples.isEmpty else { return }
        try await writer.write { db in
            for sample in samples {
                try SampleRecord.deleteOne(db, key: sample.id)
                if !impact.deleteSource {
                    try DeletedSampleRecord(
                        datasetId: sample.datasetId,
                        bucket: sample.bucket,
                        key: sample.key,
                        line: sample.line,
                        etag: sample.etag,
                        sampleId: sample.id,
                        deletedAt: now
                    ).save(db)
                }
            }
            let byId = Dictionary(samples.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for file in impact.sourceFiles {
                let sample = byId[file.sampleIds[0]]
                let marker: String?
                switch file.outcome {
                case .deleted?: marker = nil
                case .deleteMarker(let versionId)?: marker = versionId
                case .failed?, nil: continue
                }
                try SourceDeletionRow(
                    bucket: file.bucket,
                    key: file.key,
                    datasetId: dataset.id,
                    datasetName: dataset.name,
                    sampleId: file.sampleIds[0],
                    deletedAt: now,
                    deleteMarkerVersionId: marker,
                    etag: sample?.etag,
                    labelFileKey: sample?.sidecarKey,
                    labelFileEtag: sample?.sidecarEtag
                ).save(db)
            }
            try Self.touchDataset(db, id: dataset.id, at: now)
        }
    }

    /// The dataset's samples labeled by a label file that outlived its image: the image was deleted with its source
    /// file by a sample deletion (of any dataset), and the file now there is another image (another ETag) that took the
    /// label file as it was at that deletion (same key and ETag). Key order.
    func samplesLabeledByOldLabelFiles(datasetId: String) async throws -> [OldLabelFileSample] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT sample.id, sample.bucket, sample.key, sample.sidecarKey, deletion.datasetName, deletion.deletedAt
                    FROM sample JOIN sourceDeletion AS deletion ON deletion.bucket = sample.bucket AND deletion.key = sample.key
                    WHERE sample.datasetId = ? AND sample.isLabeled AND deletion.etag IS NOT NULL AND sample.etag != deletion.etag
                      AND sample.sidecarKey = deletion.labelFileKey AND sample.sidecarEtag = deletion.labelFileEtag
                    ORDER BY sample.key, sample.line
                    """,
                arguments: [datasetId]
            )
            return rows.map { row in
                OldLabelFileSample(
                    sampleId: row["id"],
                    bucket: row["bucket"],
                    key: row["key"],
                    labelFileKey: row["sidecarKey"],
                    deletedBy: row["datasetName"],
                    deletedAt: Date(timeIntervalSinceReferenceDate: row["deletedAt"])
                )
            }
        }
    }

    /// What refers to files for the dataset, read in one transaction: its samples in key order, and its versions
    /// (newest first) with the samples they froze.
    /// - Throws: `LabelingError.datasetNotFound`.
    func sourceReferences(
        datasetId: String
    ) async throws
        -> (dataset: Dataset, samples: [SampleEntry], versions: [(version: DatasetVersion, samples: [FrozenSample])])
    {
        try await writer.read { db in
            let dataset = try Self.dataset(Self.fetchDataset(db, id: datasetId), db)
            let samples = try Self.samplesInKeyOrder(db, datasetId: datasetId)
            let versions =
                try DatasetVersionRecord
                .filter(DatasetVersionRecord.Columns.datasetId == datasetId)
                .order(DatasetVersionRecord.Columns.createdAt.desc, DatasetVersionRecord.Columns.id)
                .fetchAll(db)
                .enumerated()
                .map { index, version in
                    let frozen =
                        try VersionSampleRecord
                        .filter(VersionSampleRecord.Columns.versionId == version.id)
                        .order(VersionSampleRecord.Columns.key)
                        .fetchAll(db)
                    return (version: version.version(isCurrent: index == 0), samples: frozen.map(\.frozen))
                }
            return (dataset, samples, versions)
        }
    }

    /// The recorded source deletions of the files, by file.
    func sourceDeletions(of files: Set<SourceFile>) async throws -> [SourceFile: SourceDeletionRecord] {
        try await writer.read { db in
            var deletions: [SourceFile: SourceDeletionRecord] = [:]
            for file in files {
                let request = SourceDeletionRow.filter(SourceDeletionRow.Columns.bucket == file.bucket && SourceDeletionRow.Columns.key == file.key)
                if let row = try request.fetchOne(db) {
                    deletions[file] = row.record
                }
            }
            return deletions
        }
    }

    /// Samples of other datasets on the files, grouped by dataset in name order.
    private static func otherDatasets(_ db: Database, files: [SourceFileImpact], except datasetId: String) throws -> [AffectedDataset] {
        var byDataset: [String: AffectedDataset] = [:]
        for file in files {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT sample.id, sample.datasetId, dataset.name FROM sample JOIN dataset ON dataset.id = sample.datasetId
                    WHERE sample.bucket = ? AND sample.key = ? AND sample.datasetId != ? ORDER BY sample.line
                    """,
                arguments: [file.bucket, file.key, datasetId]
            )
            for row in rows {
                let id: String = row["datasetId"]
                let sample = AffectedSample(sampleId: row["id"], bucket: file.bucket, key: file.key)
                byDataset[id, default: AffectedDataset(datasetId: id, datasetName: row["name"], samples: [])].samples.append(sample)
            }
        }
        return byDataset.values.sorted { ($0.datasetName, $0.datasetId) < ($1.datasetName, $1.datasetId) }
    }

    /// Versions (of any dataset) that list the files, grouped by version, in dataset name then version name order.
    private static func versions(_ db: Database, files: [SourceFileImpact]) throws -> [AffectedVersion] {
        var byVersion: [String: AffectedVersion] = [:]
        for file in files {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT datasetVersion.id, datasetVersion.name, datasetVersion.totalSampleCount,
                        dataset.id AS datasetId, dataset.name AS datasetName
                    FROM versionSample
                    JOIN datasetVersion ON datasetVersion.id = versionSample.versionId
                    JOIN dataset ON dataset.id = datasetVersion.datasetId
                    WHERE versionSample.bucket = ? AND versionSample.key = ?
                    """,
                arguments: [file.bucket, file.key]
            )
            for row in rows {
                let id: String = row["id"]
                byVersion[
                    id,
                    default: AffectedVersion(
                        datasetId: row["datasetId"],
                        datasetName: row["datasetName"],
                        versionId: id,
                        versionName: row["name"],
                        totalSampleCount: row["totalSampleCount"],
                        sources: []
                    )
                ].sources.append(file.source)
            }
        }
        return byVersion.values.sorted {
            ($0.datasetName, $0.versionName, $0.versionId) < ($1.datasetName, $1.versionName, $1.versionId)
        }
    }
}
