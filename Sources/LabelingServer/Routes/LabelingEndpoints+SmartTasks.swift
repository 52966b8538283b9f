import Hummingbird
import Labeling
import ObslabAPI

/// Intelligent tasks (`…/tasks`): auto grouping, run in the background; its details give the progress, the list the
/// history. The author of a task is the `X-Obslab-User` header, as for label edits.
extension LabelingEndpoints {
    @Sendable func startSmartTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.CreateSmartTask.self, from: request)
        switch body.taskType {
        case ModelArtsAPI.SmartTaskType.autoGrouping?:
            break
        case ModelArtsAPI.SmartTaskType.autoLabel?, ModelArtsAPI.SmartTaskType.preLabel?:
            throw ModelArtsError.invalidParameter("task_type", "\(body.taskType ?? "") is not supported: obslab has no models to label with")
        case nil:
            throw ModelArtsError.invalidParameter("task_type", "is missing: obslab runs auto-grouping tasks")
        case let other?:
            throw ModelArtsError.invalidParameter("task_type", "must be auto-grouping (or auto-label, pre-label), not \(other)")
        }
        guard let config = body.config else {
            throw ModelArtsError.invalidParameter("config", "is missing: give n_clusters and where the groups go")
        }
        let task = try await service.startGrouping(datasetId: datasetId, try config.groupingSpec(), author: Self.author(request))
        backgroundTasks.run { await service.runGrouping(task) }
        return try Self.json(ModelArtsAPI.CreatedTask(taskId: task.id))
    }

    /// The list of one task type: without `type`, ModelArts lists auto labeling tasks, of which obslab has none.
    @Sendable func listSmartTasks(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        switch request.uri.queryParameters["type"].map(String.init) {
        case ModelArtsAPI.SmartTaskType.autoGrouping?:
            let (tasks, total) = try await service.groupingTasks(datasetId: datasetId, offset: offset, limit: limit)
            return try Self.json(ModelArtsAPI.SmartTaskList(tasks: tasks.map(ModelArtsAPI.SmartTask.init), totalCount: total))
        case nil, ModelArtsAPI.SmartTaskType.autoLabel?, ModelArtsAPI.SmartTaskType.preLabel?:
            _ = try await service.dataset(id: datasetId)
            return try Self.json(ModelArtsAPI.SmartTaskList(tasks: [], totalCount: 0))
        case let other?:
            throw ModelArtsError.invalidParameter("type", "must be auto-label, pre-label or auto-grouping, not \(other)")
        }
    }

    /// Stops a running task (after the image it is reading, before any result is written): 204, as ModelArts answers.
    @Sendable func stopSmartTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await Self.refuseBody(of: request)
        try await service.stopGrouping(
            datasetId: try context.parameters.require("dataset_id"),
            taskId: try context.parameters.require("task_id")
        )
        return Response(status: .noContent)
    }

    @Sendable func showSmartTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let task = try await service.groupingTask(
            datasetId: try context.parameters.require("dataset_id"),
            taskId: try context.parameters.require("task_id")
        )
        return try Self.json(ModelArtsAPI.SmartTask(task))
    }
}
