import Foundation
import GRDB
import Logging

/// "Deleting Data": samples go from the dataset (and all its labeling jobs); with `delete_source`, their files go from
/// the storage too, which breaks every other dataset and published version that uses them. obslab works out that
/// impact before it deletes anything and answers it with the deletion, instead of breaking things silently.
extension LabelingService {
    /// The most samples one deletion takes.
    public static let maxSamplesPerDeletion = 1000

    /// What deleting these samples would break, without deleting anything.
    /// - Throws: `LabelingError` notFound for an unknown dataset, invalidArgument for an empty or oversized list.
    public func deletionImpact(datasetId: String, sampleIds: [String], deleteSource: Bool) async throws -> DeletionImpact {
        let plan = try await catalog.read { db in try DeletionPlan(db, datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource) }
        var impact = plan.impact
        if impact.deleteSource { await addVersioning(to: &impact) }
        return impact
    }

    /// Deletes samples of a dataset and, with `deleteSource` (ignored for text datasets), their source files.
    ///
    /// Each requested sample gets a result: an unknown id fails alone, and the samples of a file the storage refuses to
    /// delete are kept. A sample deleted without its file stays deleted through later syncs until the file changes.
    public func deleteSamples(datasetId: String, sampleIds: [String], deleteSource: Bool) async throws -> SampleDeletionReport {
        try await syncs.exclusive(datasetId: datasetId) {
            try await self.performDeletion(datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource)
        }
    }

    private func performDeletion(datasetId: String, sampleIds: [String], deleteSource: Bool) async throws -> SampleDeletionReport {
        let plan = try await catalog.read { db in try DeletionPlan(db, datasetId: datasetId, sampleIds: sampleIds, deleteSource: deleteSource) }
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
                    let failure = LabelingError.sourceDeletionFailed(
                        "Deleting \(file.source) failed: \(storageError.code): \(storageError.message); the sample was kept"
                    )
                    for id in file.sampleIds { failures[id] = failure }
                }
            }
        }
        let deleted = plan.requested.compactMap(\.sample).filter { failures[$0.id] == nil }
        try await recordDeletion(of: deleted, plan: plan, impact: impact)
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

    /// Removes the samples; remembers samples deleted without their file (so syncs leave them out) and files deleted
    /// (so a later source check can say who deleted them).
    private func recordDeletion(of samples: [SampleRecord], plan: DeletionPlan, impact: DeletionImpact) async throws {
        guard !samples.isEmpty else { return }
        let now = Date()
        try await catalog.write { db in
            for sample in samples {
                try sample.delete(db)
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
            for file in impact.sourceFiles {
                let marker: String?
                switch file.outcome {
                case .deleted?: marker = nil
                case .deleteMarker(let versionId)?: marker = versionId
                case .failed?, nil: continue
                }
                try SourceDeletionRow(
                    bucket: file.bucket,
                    key: file.key,
                    datasetId: plan.dataset.id,
                    datasetName: plan.dataset.name,
                    sampleId: file.sampleIds[0],
                    deletedAt: now,
                    deleteMarkerVersionId: marker
                ).save(db)
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
    }
}
