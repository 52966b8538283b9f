import Foundation
import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// Starts "Synchronize New Data" and answers at once; `…/sync-data/status` follows it. obslab's own
    /// `reread_deleted_labels=true` first makes the sync read again the label files of the samples whose labels went with
    /// the deleted default job.
    @Sendable func startSync(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        try await Self.refuseBody(of: request)
        if try Self.boolean("reread_deleted_labels", in: request) {
            _ = try await service.rereadDeletedLabels(datasetId: dataset.id)
        }
        service.startSync(datasetId: dataset.id)
        return try Self.json([String: String]())
    }

    @Sendable func syncStatus(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        return try Self.json(try await syncStatus(of: dataset.id))
    }

    /// The run this server started last, else the last sync the catalog remembers, else `NOT_EXIST`. `task_id` is the
    /// Labeling module's id of the sync, known once it has finished.
    func syncStatus(of datasetId: String) async throws -> ModelArtsAPI.SyncStatus {
        guard let run = service.scheduledSync(datasetId: datasetId) else {
            return try await service.syncStatus(datasetId: datasetId).map(ModelArtsAPI.SyncStatus.init)
                ?? ModelArtsAPI.SyncStatus(status: ModelArtsAPI.SyncStatus.notExist, datasetId: datasetId)
        }
        switch run.outcome {
        case nil:
            return ModelArtsAPI.SyncStatus(
                status: ModelArtsAPI.SyncStatus.running,
                datasetId: datasetId,
                createTime: ModelArtsAPI.milliseconds(run.startedAt),
                durationTime: ModelArtsAPI.milliseconds(Date()) - ModelArtsAPI.milliseconds(run.startedAt),
                progress: run.progress.map { ModelArtsAPI.SyncProgress(listed: $0.listed, processed: $0.processed, total: $0.total) }
            )
        case .finished(let report):
            return ModelArtsAPI.SyncStatus(report)
        case .failed(let failure, let finishedAt):
            let error = ModelArtsError(failure)
            return ModelArtsAPI.SyncStatus(
                status: ModelArtsAPI.SyncStatus.failed,
                datasetId: datasetId,
                createTime: ModelArtsAPI.milliseconds(run.startedAt),
                durationTime: ModelArtsAPI.milliseconds(finishedAt) - ModelArtsAPI.milliseconds(run.startedAt),
                errorCode: error.code,
                errorMessage: error.message
            )
        }
    }
}
