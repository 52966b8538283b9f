import Foundation
import GRDB

extension LabelingService {
    /// Checks the dataset's samples and every version it published against the storage's listing now: which source
    /// files are gone, and for each, the sample deletion that removed it when it went that way.
    /// - Throws: `LabelingError` notFound for an unknown dataset; syncFailed when the storage cannot be listed.
    public func checkSources(datasetId: String) async throws -> SourceCheck {
        let (dataset, samples, versions) = try await catalog.read { db in
            let dataset = try Self.fetchDataset(db, id: datasetId)
            let samples = try SampleRecord
                .filter(SampleRecord.Columns.datasetId == datasetId)
                .order(SampleRecord.Columns.key, SampleRecord.Columns.line)
                .fetchAll(db)
            let versions = try DatasetVersionRecord
                .filter(DatasetVersionRecord.Columns.datasetId == datasetId)
                .order(DatasetVersionRecord.Columns.createdAt.desc, DatasetVersionRecord.Columns.id)
                .fetchAll(db)
                .map { version in
                    let frozen = VersionSampleRecord.filter(VersionSampleRecord.Columns.versionId == version.id)
                    return (version, try frozen.order(VersionSampleRecord.Columns.key).fetchAll(db))
                }
            return (dataset, samples, versions)
        }
        var files = Set(samples.map { SourceFile(bucket: $0.bucket, key: $0.key) })
        for (_, frozen) in versions { files.formUnion(frozen.map { SourceFile(bucket: $0.bucket, key: $0.key) }) }
        let missingFiles = try await SourceFile.missing(among: files, storage: storage)
        let deletions = try await catalog.read { db in try SourceFile.deletions(db, of: missingFiles) }

        func missing(_ sampleId: String, _ bucket: String, _ key: String) -> MissingSource? {
            let file = SourceFile(bucket: bucket, key: key)
            guard missingFiles.contains(file) else { return nil }
            return MissingSource(sampleId: sampleId, bucket: bucket, key: key, deletion: deletions[file])
        }
        return SourceCheck(
            datasetId: dataset.id,
            datasetName: dataset.name,
            checkedSampleCount: samples.count,
            missingSamples: samples.compactMap { missing($0.id, $0.bucket, $0.key) },
            versions: versions.map { version, frozen in
                VersionSourceCheck(
                    versionId: version.id,
                    versionName: version.name,
                    totalSampleCount: version.totalSampleCount,
                    missing: frozen.compactMap { missing($0.sampleId, $0.bucket, $0.key) }
                )
            }
        )
    }
}
