import HTTPTypes

/// The routes of team labeling: user tokens, labeling teams and members, team tasks' review, statistics and acceptance.
extension LabelingEndpoints {
    static let workforces = "/v2/:project_id/workforces"
    static let workforce = workforces + "/:workforce_id"
    static let worker = workforce + "/workers/:worker_id"

    var teamEndpoints: [LabelingEndpoint] {
        [
            .init(.get, "/v2/:project_id/caller", showCaller),
            .init(.post, "/v2/:project_id/users/:user_name/token", issueToken),
            .init(.post, Self.workforces, createWorkforce),
            .init(.get, Self.workforces, listWorkforces),
            .init(.get, Self.workforces + "/worker-tasks", listWorkerTasks),
            .init(.get, Self.workforce, showWorkforce),
            .init(.put, Self.workforce, updateWorkforce),
            .init(.delete, Self.workforce, deleteWorkforce),
            .init(.post, Self.workforce + "/workers", createWorker),
            .init(.get, Self.workforce + "/workers", listWorkers),
            .init(.post, Self.workforce + "/workers/batch-delete", deleteWorkers),
            .init(.get, Self.worker, showWorker),
            .init(.put, Self.worker, updateWorker),
            .init(.delete, Self.worker, deleteWorker),
            .init(.post, Self.workforceTask, startTeamTask),
            .init(.get, Self.workforceTask + "/metrics", teamTaskMetrics),
            .init(.get, Self.workforceTask + "/data-annotations/stats", teamTaskStats),
            .init(.post, Self.workforceTask + "/data-annotations/review", reviewSamples),
            .init(.post, Self.workforceTask + "/acceptance", createAcceptance),
            .init(.post, Self.workforceTask + "/acceptance/batch-comment", commentAcceptance),
            .init(.get, Self.workforceTask + "/acceptance/report", acceptanceReport),
            .init(.put, Self.workforceTask + "/acceptance/status", updateAcceptanceStatus),
        ]
    }
}
