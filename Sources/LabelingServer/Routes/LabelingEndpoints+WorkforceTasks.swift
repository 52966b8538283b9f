import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// Creates a labeling job; its samples come from the dataset at the next sync. With `workforces_config` (the owner's
    /// token only), a team task whose samples go to the members at once.
    @Sendable func createWorkforceTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.CreateWorkforceTask.self, from: request)
        guard let name = body.taskName else { throw ModelArtsError.invalidParameter("task_name", "is missing") }
        if let repetition = body.repetition, repetition != 1 {
            throw ModelArtsError.invalidParameter("repetition", "obslab has each sample labeled by one member (1), not \(repetition)")
        }
        if let config = body.workforcesConfig {
            let task = try await createTeamTask(datasetId: datasetId, name: name, body: body, config: config)
            return try Self.json(ModelArtsAPI.CreatedTask(taskId: task.job.id))
        }
        for (field, value) in [("auto_sync_dataset", body.autoSyncDataset), ("synchronize_data", body.synchronizeData)] where value != nil {
            throw ModelArtsError.invalidParameter(field, "applies to team tasks only: give workforces_config")
        }
        if body.synchronizeAutoLabelingData == true {
            throw ModelArtsError.invalidParameter("synchronize_auto_labeling_data", "obslab has no auto labeling")
        }
        let job = try await service.createJob(datasetId: datasetId, name: name)
        return try Self.json(ModelArtsAPI.CreatedTask(taskId: job.id))
    }

    /// "Querying the Team Labeling Task List of a Dataset": the jobs users created, as ModelArts counts them; obslab's
    /// `with_default=true` adds the dataset's default job (first, `is_default` true).
    @Sendable func listWorkforceTasks(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 1000, range: 1...1000)
        let withDefault = try Self.boolean("with_default", in: request)
        let jobs = try await service.listJobs(datasetId: datasetId).filter { withDefault || !$0.isDefault }
        var tasks: [ModelArtsAPI.WorkforceTask] = []
        for job in jobs.dropFirst(offset).prefix(limit) {
            tasks.append(try await describe(job))
        }
        return try Self.json(ModelArtsAPI.WorkforceTaskList(count: jobs.count, tasks: tasks))
    }

    /// "Querying Details About a Team Labeling Task", with its sample statistics, and for a team task its members'
    /// (`workforce_stats`, `worker_stats`). `label_stats` is refused: `…/data-annotations/stats` has a team task's.
    @Sendable func showWorkforceTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        if try Self.boolean("label_stats", in: request) {
            throw ModelArtsError.invalidParameter("label_stats", "obslab gives a task's label statistics at …/data-annotations/stats")
        }
        let job = try await service.job(datasetId: try context.parameters.require("dataset_id"), jobId: try context.parameters.require("task_id"))
        if try Self.boolean("workforce_stats", in: request), try await service.teamTask(datasetId: job.datasetId, jobId: job.id) == nil {
            throw ModelArtsError.invalidParameter("workforce_stats", "labeling job \(job.name) has no team: only team tasks have members")
        }
        return try Self.json(try await describe(job))
    }

    /// "Updating a Team Labeling Task": the name and description; 200 with no body, as the reference.
    @Sendable func updateWorkforceTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let taskId = try context.parameters.require("task_id")
        let body = try await Self.decode(ModelArtsAPI.UpdateWorkforceTask.self, from: request)
        if let id = body.datasetId, id != datasetId {
            throw ModelArtsError.invalidParameter("dataset_id", "must be the path's dataset \(datasetId), not \(id)")
        }
        if let id = body.taskId, id != taskId {
            throw ModelArtsError.invalidParameter("task_id", "must be the path's task \(taskId), not \(id)")
        }
        try await requireOwnerOfTeamTask(datasetId: datasetId, taskId: taskId, to: "change a team labeling task")
        try await service.updateJob(datasetId: datasetId, jobId: taskId, name: body.taskName, description: body.description)
        return Response(status: .ok)
    }

    /// "Deleting a Team Labeling Task": 204. The job's own labels go; the dataset's samples and labels stay, but for the
    /// default job, whose labels are the dataset's: they go with it ("Why ModelArts image labels are lost").
    @Sendable func deleteWorkforceTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try await requireOwnerOfTeamTask(
            datasetId: try context.parameters.require("dataset_id"), taskId: try context.parameters.require("task_id"),
            to: "delete a team labeling task"
        )
        try await service.deleteJob(
            datasetId: try context.parameters.require("dataset_id"),
            jobId: try context.parameters.require("task_id"),
            author: Self.author(request)
        )
        return Response(status: .noContent)
    }

    private func describe(_ job: LabelingJob) async throws -> ModelArtsAPI.WorkforceTask {
        if let task = try await service.teamTask(datasetId: job.datasetId, jobId: job.id) { return try await describe(task) }
        let counts = try await service.sampleCounts(datasetId: job.datasetId, jobId: job.id)
        return ModelArtsAPI.WorkforceTask(
            taskId: job.id,
            taskName: job.name,
            datasetId: job.datasetId,
            description: job.description,
            createTime: ModelArtsAPI.milliseconds(job.createdAt),
            updateTime: ModelArtsAPI.milliseconds(job.updatedAt),
            isDefault: job.isDefault,
            sampleStats: ModelArtsAPI.SampleStats(totalSampleCount: counts.all, unannotatedSampleCount: counts.unlabeled)
        )
    }
}
