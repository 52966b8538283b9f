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
            .init(
                .get, Self.workforces, listWorkforces, query: Self.page.union(["sort_by", "order", "search_content"]),
                refusing: ["workforce_task_id": "obslab lists a team task's teams in its workforces_config"]
            ),
            .init(.get, Self.workforces + "/worker-tasks", listWorkerTasks, query: Self.page.union(["sort_by", "order", "search_content"])),
            .init(.get, Self.workforce, showWorkforce),
            .init(.put, Self.workforce, updateWorkforce),
            .init(.delete, Self.workforce, deleteWorkforce),
            .init(.post, Self.workforce + "/workers", createWorker),
            .init(.get, Self.workforce + "/workers", listWorkers, query: Self.page.union(["sort_by", "order"])),
            .init(.post, Self.workforce + "/workers/batch-delete", deleteWorkers),
            .init(.get, Self.worker, showWorker),
            .init(.put, Self.worker, updateWorker),
            .init(.delete, Self.worker, deleteWorker),
            .init(.post, Self.workforceTask, startTeamTask),
            .init(.get, Self.workforceTask + "/metrics", teamTaskMetrics),
            .init(
                .get, Self.workforceTask + "/data-annotations/stats", teamTaskStats,
                refusing: ["sample_state": "obslab gives a team task's statistics over all its samples"]
            ),
            .init(.post, Self.workforceTask + "/data-annotations/review", reviewSamples),
            .init(.post, Self.workforceTask + "/acceptance", createAcceptance),
            .init(.post, Self.workforceTask + "/acceptance/batch-comment", commentAcceptance),
            .init(.get, Self.workforceTask + "/acceptance/report", acceptanceReport, query: ["checking_task_id"]),
            .init(.put, Self.workforceTask + "/acceptance/status", updateAcceptanceStatus, query: ["locale"]),
        ]
    }
}
