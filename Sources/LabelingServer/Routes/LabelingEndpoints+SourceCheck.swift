import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// Lists the storage now and names the samples and versions whose files are gone (obslab's addition).
    @Sendable func checkSources(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let check = try await service.checkSources(datasetId: try context.parameters.require("dataset_id"))
        return try Self.json(ModelArtsAPI.SourceCheck(check))
    }
}

extension ModelArtsAPI.SourceCheck {
    init(_ check: Labeling.SourceCheck) {
        self.init(
            datasetId: check.datasetId,
            datasetName: check.datasetName,
            intact: check.isIntact,
            checkedSampleCount: check.checkedSampleCount,
            missingSampleCount: check.missingSamples.count,
            missingSamples: check.missingSamples.map(ModelArtsAPI.MissingSource.init),
            versions: check.versions.map { version in
                ModelArtsAPI.VersionSourceCheck(
                    versionId: version.versionId,
                    versionName: version.versionName,
                    totalSampleCount: version.totalSampleCount,
                    missingSampleCount: version.missing.count,
                    missing: version.missing.map(ModelArtsAPI.MissingSource.init)
                )
            }
        )
    }
}

extension ModelArtsAPI.MissingSource {
    init(_ missing: Labeling.MissingSource) {
        self.init(
            sampleId: missing.sampleId,
            source: missing.source,
            deletedBy: missing.deletion.map { deletion in
                ModelArtsAPI.SourceDeletionRecord(
                    datasetId: deletion.datasetId,
                    datasetName: deletion.datasetName,
                    sampleId: deletion.sampleId,
                    time: ModelArtsAPI.milliseconds(deletion.deletedAt),
                    deleteMarkerVersionId: deletion.deleteMarkerVersionId
                )
            }
        )
    }
}
