import Hummingbird
import Labeling
import ObslabAPI

/// The owner's acceptance of a team task ("Creating a Team Labeling Acceptance Task", "Submitting Sample Review Comments
/// of an Acceptance Task", "Querying the Report of a Team Labeling Acceptance Task", "Updating Status of a Team Labeling
/// Acceptance Task"). The owner's token only.
extension LabelingEndpoints {
    /// 200 with the acceptance's `task_id` (the `checking_task_id` of the report).
    @Sendable func createAcceptance(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "accept team labeling tasks")
        let task = try await requireTeamTask(context)
        let body = try await Self.decode(ModelArtsAPI.CreateAcceptance.self, from: request)
        let acceptance = try await service.startAcceptance(
            datasetId: task.job.datasetId, jobId: task.job.id, samplingRate: body.samplingRate, samplingNum: body.samplingNum
        )
        return try Self.json(ModelArtsAPI.CreatedTask(taskId: acceptance.id))
    }

    /// 200 with an empty object, or the first comment's error.
    @Sendable func commentAcceptance(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "accept team labeling tasks")
        let task = try await requireTeamTask(context)
        let errors = try await service.commentAcceptance(datasetId: task.job.datasetId, jobId: task.job.id, try await Self.verdicts(from: request))
        if let error = errors.compactMap({ $0 }).first { throw error }
        return try Self.json([String: String]())
    }

    /// `checking_task_id` (mandatory): that acceptance's counts, and the totals of the task's acceptances.
    @Sendable func acceptanceReport(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "read acceptance reports")
        let task = try await requireTeamTask(context)
        guard let checkingTaskId = request.uri.queryParameters["checking_task_id"].map(String.init), !checkingTaskId.isEmpty else {
            throw ModelArtsError.invalidParameter("checking_task_id", "is missing: give the acceptance's task_id")
        }
        let report = try await service.acceptanceReport(datasetId: task.job.datasetId, jobId: task.job.id, checkingTaskId: checkingTaskId)
        return try Self.json(
            ModelArtsAPI.AcceptanceReport(
                checkingStats: ModelArtsAPI.CheckTaskStats(report.checking), totalStats: ModelArtsAPI.CheckTaskStats(report.total))
        )
    }

    /// `action` 0 pass all, 1 reject all, 2 cancel, 5 pass the samples accepted one by one; the answer lists the
    /// samples it accepted. `locale` may only be English, the language of obslab's messages.
    @Sendable func updateAcceptanceStatus(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let caller = try RequestCaller.requireOwner(to: "accept team labeling tasks")
        try Self.requireEnglishLocale(request)
        let task = try await requireTeamTask(context)
        let body = try await Self.decode(ModelArtsAPI.UpdateAcceptanceStatus.self, from: request)
        if body.overwriteLastResult == true {
            throw ModelArtsError.invalidParameter(
                "overwrite_last_result", "obslab's team samples have one labeler: there is no other result; only false")
        }
        let action: AcceptanceAction
        switch body.action {
        case 0: action = .passAll
        case 1: action = .rejectAll
        case 2: action = .cancel
        case 5: action = .passAccepted
        case nil: throw ModelArtsError.invalidParameter("action", "is missing")
        case let other?:
            throw ModelArtsError.invalidParameter(
                "action",
                "must be 0 (pass all), 1 (reject all), 2 (cancel) or 5 (pass the accepted samples), not \(other): "
                    + "obslab's team samples have one labeler, so there are no acceptance conflicts (3, 4)"
            )
        }
        let dataset = try await service.dataset(id: task.job.datasetId)
        let samples = try await service.finishAcceptance(datasetId: dataset.id, jobId: task.job.id, action: action, caller: caller)
        let shown = SampleContext(dataset)
        return try Self.json(
            ModelArtsAPI.AcceptanceResult(sampleCount: samples.count, samples: samples.map { ModelArtsAPI.TeamSample($0, in: shown, task: task) })
        )
    }
}
