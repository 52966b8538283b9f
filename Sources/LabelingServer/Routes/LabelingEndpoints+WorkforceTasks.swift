import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// Creates a labeling job; its samples come from the dataset at the next sync.
    @Sendable func createWorkforceTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let body = try await Self.decode(ModelArtsAPI.CreateWorkforceTask.self, from: request)
        guard let name = body.taskName else { throw ModelArtsError.invalidParameter("task_name", "is missing") }
        let job = try await service.createJob(datasetId: datasetId, name: name)
        return try Self.json(ModelArtsAPI.CreateWorkforceTaskResponse(taskId: job.id))
    }

    @Sendable func listWorkforceTasks(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 1000, range: 1...1000)
        let jobs = try await service.listJobs(datasetId: datasetId)
        var tasks: [ModelArtsAPI.WorkforceTask] = []
        for job in jobs.dropFirst(offset).prefix(limit) {
            let counts = try await service.sampleCounts(datasetId: datasetId, jobId: job.id)
            tasks.append(
                ModelArtsAPI.WorkforceTask(
                    taskId: job.id,
                    taskName: job.name,
                    datasetId: job.datasetId,
                    createTime: ModelArtsAPI.milliseconds(job.createdAt),
                    isDefault: job.isDefault,
                    sampleStats: ModelArtsAPI.SampleStats(totalSampleCount: counts.all, unannotatedSampleCount: counts.unlabeled)
                )
            )
        }
        return try Self.json(ModelArtsAPI.WorkforceTaskList(count: jobs.count, tasks: tasks))
    }
}
