import Foundation
import Logging

/// "Deleting Data": samples go from the dataset (and all its labeling jobs); with `delete_source`, their files go from
/// the storage too, which breaks every other dataset and published version that uses them. obslab works out that
/// impact before it deletes anything and answers it with the deletion, instead of breaking things silently.
struct DeletionService: Sendable {
    let catalog: LabelingCatalog
    let storage: any ObjectStorage
    let logger: Logger
    /// A deletion never overlaps a sync of its dataset.
    let syncs: SyncCoordinator

    /// The most samples one deletion takes.
    static let maxSamplesPerDeletion = 1000

    func deletionImpact(datasetId: String, sampleIds: [String], deleteSource: Bool, keepLabelFiles: Bool) async throws -> DeletionImpact {
        let plan = try await deletionPlan(datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
        var impact = plan.impact
        if impact.deleteSource { await addVersioning(to: &impact) }
        return impact
    }

    func deleteSamples(datasetId: String, sampleIds: [String], deleteSource: Bool, keepLabelFiles: Bool) async throws -> SampleDeletionReport {
        try await syncs.exclusive(datasetId: datasetId) {
            try await self.performDeletion(datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
        }
    }

    /// - Throws: `LabelingError` notFound for an unknown dataset, invalidArgument for an empty or oversized list.
    private func deletionPlan(datasetId: String, sampleIds: [String], deleteSource: Bool, keepLabelFiles: Bool) async throws -> DeletionPlan {
        let limit = Self.maxSamplesPerDeletion
        guard !sampleIds.isEmpty, sampleIds.count <= limit else {
            throw LabelingError.invalidArgument("samples must list 1 to \(limit) sample ids, not \(sampleIds.count)")
        }
        return try await catalog.deletionPlan(datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
    }

    private func performDeletion(
        datasetId: String, sampleIds: [String], deleteSource: Bool, keepLabelFiles: Bool
    ) async throws
        -> SampleDeletionReport
    {
        let plan = try await deletionPlan(datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
        var impact = plan.impact
        var failures: [String: LabelingError] = [:]
        if impact.deleteSource {
            await addVersioning(to: &impact)
            for index in impact.sourceFiles.indices {
                let file = impact.sourceFiles[index]
                do {
                    let marker = try await storage.deleteObject(bucket: file.bucket, key: file.key)
                    impact.sourceFiles[index].outcome = marker.map { .deleteMarker(versionId: $0) } ?? .deleted
                } catch {
                    let storageError = StorageError.wrapping(error)
                    impact.sourceFiles[index].outcome = .failed(code: storageError.code, message: storageError.message)
                    let why = storageError.explanation(of: .delete, bucket: file.bucket, key: file.key)
                    let failure = LabelingError.sourceDeletionFailed("Deleting \(file.source) failed: \(why); the sample was kept")
                    for id in file.sampleIds { failures[id] = failure }
                }
            }
        }
        if impact.deleteSource && !impact.keepLabelFiles {
            await deleteLabelFiles(of: &impact, except: Set(failures.keys))
        }
        let deleted = plan.requested.compactMap(\.sample).filter { failures[$0.id] == nil }
        try await catalog.recordDeletion(of: deleted, from: plan.dataset, impact: impact, at: Date())
        logger.info(
            "Deleted samples",
            metadata: [
                "labeling.dataset": "\(datasetId)", "labeling.samples": "\(deleted.count)",
                "labeling.deleteSource": "\(impact.deleteSource)", "labeling.breaksOthers": "\(impact.breaksOthers)",
            ]
        )
        let results = plan.requested.map { requested in
            SampleDeletionResult(
                sampleId: requested.id,
                error: requested.sample == nil ? LabelingError.sampleNotFound(requested.id) : failures[requested.id]
            )
        }
        return SampleDeletionReport(results: results, impact: impact)
    }

    /// Deletes the label files of the samples whose source files went (not of `kept` samples, whose source stays). A
    /// label file the storage refuses to delete is reported as such; its samples go all the same, their source being gone.
    private func deleteLabelFiles(of impact: inout DeletionImpact, except kept: Set<String>) async {
        for index in impact.labelFiles.indices where impact.labelFiles[index].sampleIds.contains(where: { !kept.contains($0) }) {
            let file = impact.labelFiles[index]
            do {
                let marker = try await storage.deleteObject(bucket: file.bucket, key: file.key)
                impact.labelFiles[index].outcome = marker.map { .deleteMarker(versionId: $0) } ?? .deleted
            } catch {
                let storageError = StorageError.wrapping(error)
                impact.labelFiles[index].outcome = .failed(code: storageError.code, message: storageError.message)
            }
        }
    }

    /// Whether each file's bucket keeps versions (asked once per bucket): a file in such a bucket can be brought back.
    /// A storage that cannot tell leaves it unknown; the impact stands without it.
    private func addVersioning(to impact: inout DeletionImpact) async {
        var byBucket: [String: Bool?] = [:]
        for index in impact.sourceFiles.indices {
            let bucket = impact.sourceFiles[index].bucket
            if !byBucket.keys.contains(bucket) {
                byBucket[bucket] = try? await storage.isVersioningEnabled(bucket: bucket)
            }
            impact.sourceFiles[index].versioningEnabled = byBucket[bucket] ?? nil
        }
        for index in impact.labelFiles.indices {
            impact.labelFiles[index].versioningEnabled = byBucket[impact.labelFiles[index].bucket] ?? nil
        }
    }

    func checkSources(datasetId: String) async throws -> SourceCheck {
        let (dataset, samples, versions) = try await catalog.sourceReferences(datasetId: datasetId)
        var files = Set(samples.map { SourceFile(bucket: $0.bucket, key: $0.key) })
        for (_, frozen) in versions { files.formUnion(frozen.map { SourceFile(bucket: $0.bucket, key: $0.key) }) }
        let missingFiles = try await SourceFile.missing(among: files, storage: storage)
        let deletions = try await catalog.sourceDeletions(of: missingFiles)

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
