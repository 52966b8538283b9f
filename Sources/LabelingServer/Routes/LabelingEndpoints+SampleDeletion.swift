import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// Deletes samples (and with `delete_source` their files): one result per requested id, and what else broke.
    @Sendable func deleteSamples(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.DeleteSamples.self, from: request)
        let report = try await service.deleteSamples(
            datasetId: datasetId,
            sampleIds: try Self.sampleIds(body),
            deleteSource: body.deleteSource ?? false,
            keepLabelFiles: body.keepLabelFiles ?? false
        )
        return try Self.json(ModelArtsAPI.SampleDeletion(report))
    }

    /// What the same deletion would break, deleting nothing (obslab's addition).
    @Sendable func sampleDeletionImpact(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.DeleteSamples.self, from: request)
        let impact = try await service.deletionImpact(
            datasetId: datasetId,
            sampleIds: try Self.sampleIds(body),
            deleteSource: body.deleteSource ?? false,
            keepLabelFiles: body.keepLabelFiles ?? false
        )
        return try Self.json(ModelArtsAPI.DeletionImpact(impact))
    }

    /// The requested ids: 1 to `maxSamples` of them.
    static func sampleIds(_ body: ModelArtsAPI.DeleteSamples) throws -> [String] {
        guard let samples = body.samples else {
            throw ModelArtsError.invalidParameter("samples", "is missing: give the ids of the samples to delete")
        }
        let limit = ModelArtsAPI.DeleteSamples.maxSamples
        guard (1...limit).contains(samples.count) else {
            throw ModelArtsError.invalidParameter("samples", "must hold 1 to \(limit) sample ids, not \(samples.count)")
        }
        return samples
    }
}

extension ModelArtsAPI.SampleDeletion {
    init(_ report: SampleDeletionReport) {
        self.init(
            success: report.succeeded,
            results: report.results.map {
                ModelArtsAPI.BatchResult(success: $0.error == nil, errorCode: $0.error?.modelArtsCode, errorMessage: $0.error?.message)
            },
            impact: ModelArtsAPI.DeletionImpact(report.impact)
        )
    }
}

extension ModelArtsAPI.DeletionImpact {
    init(_ impact: Labeling.DeletionImpact) {
        self.init(
            datasetId: impact.datasetId,
            datasetName: impact.datasetName,
            deleteSource: impact.deleteSource,
            breaksOthers: impact.breaksOthers,
            sourceFiles: impact.sourceFiles.map(ModelArtsAPI.SourceFile.init),
            labelFiles: impact.labelFiles.map(ModelArtsAPI.SourceFile.init),
            keepLabelFiles: impact.keepLabelFiles,
            otherDatasets: impact.otherDatasets.map { dataset in
                ModelArtsAPI.AffectedDataset(
                    datasetId: dataset.datasetId,
                    datasetName: dataset.datasetName,
                    sampleCount: dataset.samples.count,
                    samples: dataset.samples.map { ModelArtsAPI.AffectedSample(sampleId: $0.sampleId, source: $0.source) }
                )
            },
            versions: impact.versions.map { version in
                ModelArtsAPI.AffectedVersion(
                    datasetId: version.datasetId,
                    datasetName: version.datasetName,
                    versionId: version.versionId,
                    versionName: version.versionName,
                    totalSampleCount: version.totalSampleCount,
                    affectedSampleCount: version.sources.count,
                    sources: version.sources
                )
            }
        )
    }
}

extension ModelArtsAPI.SourceFile {
    init(_ file: SourceFileImpact) {
        self.init(
            source: file.source,
            sampleIds: file.sampleIds,
            versioningEnabled: file.versioningEnabled,
            outcome: file.outcome.map(ModelArtsAPI.SourceDeletionOutcome.init)
        )
    }
}

extension ModelArtsAPI.SourceDeletionOutcome {
    init(_ outcome: Labeling.SourceDeletionOutcome) {
        switch outcome {
        case .deleted:
            self.init(status: Self.deleted)
        case .deleteMarker(let versionId):
            self.init(status: Self.deleteMarker, deleteMarkerVersionId: versionId)
        case .failed(let code, let message):
            self.init(status: Self.failed, errorCode: code, errorMessage: message)
        }
    }
}
