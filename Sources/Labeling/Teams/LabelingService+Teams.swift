import Foundation

/// Users with API tokens, labeling teams and members, team tasks, review and acceptance.
extension LabelingService {
    /// Gives the user a new API token, replacing their former one; sets their email when given (team members are
    /// matched to users by it). The token is returned this once: only its SHA-256 is stored.
    /// - Throws: `LabelingError` invalidArgument for a bad name or email, duplicateName for an email another user has.
    public func issueToken(user name: String, email: String?) async throws -> IssuedToken {
        try await teams.issueToken(user: name, email: email)
    }

    /// The user holding this token, or nil when no user does.
    public func user(token: String) async throws -> APIUser? {
        try await teams.user(token: token)
    }

    /// - Throws: `LabelingError` invalidArgument for a bad name or description, duplicateName for a name in use.
    public func createWorkforce(name: String, description: String?) async throws -> Workforce {
        try await teams.createWorkforce(name: name, description: description)
    }

    /// A page of the teams (whose name contains `search`), by creation time or by name; `total` counts all that match.
    public func workforces(
        search: String?, byName: Bool, ascending: Bool, offset: Int, limit: Int
    ) async throws
        -> (workforces: [Workforce], total: Int)
    {
        try await catalog.workforces(search: search, byName: byName, ascending: ascending, offset: offset, limit: limit)
    }

    /// - Throws: `LabelingError.workforceNotFound`.
    public func workforce(id: String) async throws -> Workforce {
        try await catalog.workforce(id: id)
    }

    /// - Throws: `LabelingError` notFound, invalidArgument, duplicateName.
    public func updateWorkforce(id: String, _ update: WorkforceUpdate) async throws {
        try await teams.updateWorkforce(id: id, update)
    }

    /// Deletes a team and its members; team tasks keep their copy of the members.
    public func deleteWorkforce(id: String) async throws {
        try await catalog.deleteWorkforce(id: id)
    }

    /// - Throws: `LabelingError` notFound for an unknown team, invalidArgument for a bad email, role or description,
    ///   duplicateName for an email the team has.
    public func addWorker(workforceId: String, email: String, role: WorkerRole, description: String?) async throws -> Worker {
        try await teams.addWorker(workforceId: workforceId, email: email, role: role, description: description)
    }

    public func workers(
        workforceId: String, byEmail: Bool, ascending: Bool, offset: Int, limit: Int
    ) async throws
        -> (workers: [Worker], total: Int)
    {
        try await catalog.workers(workforceId: workforceId, byEmail: byEmail, ascending: ascending, offset: offset, limit: limit)
    }

    public func worker(id: String, workforceId: String) async throws -> Worker {
        try await catalog.worker(id: id, workforceId: workforceId)
    }

    public func updateWorker(id: String, workforceId: String, role: WorkerRole?, description: String?) async throws {
        try await teams.updateWorker(id: id, workforceId: workforceId, role: role, description: description)
    }

    /// - Returns: the ids among `ids` that were members of the team.
    public func deleteWorkers(ids: [String], workforceId: String) async throws -> Set<String> {
        try await catalog.deleteWorkers(ids: ids, workforceId: workforceId, at: .now)
    }

    /// Creates a labeling job over the dataset's samples as a team task: the selected members take part, and the samples
    /// are spread over its labelers (role 0; the team administrators when there is none), in key order.
    /// - Throws: `LabelingError` notFound for an unknown dataset, team or member; duplicateName for a job name in use;
    ///   invalidArgument for a bad name or a task without labelers.
    public func createTeamTask(
        datasetId: String,
        name: String,
        description: String? = nil,
        workforces: [WorkforceSelection],
        autoSyncDataset: Bool = true
    ) async throws -> TeamTask {
        try await teams.createTeamTask(
            datasetId: datasetId, name: name, description: description, workforces: workforces, autoSyncDataset: autoSyncDataset
        )
    }

    /// The members of the task the caller is, or nil for the owner.
    /// - Throws: `LabelingError.notPermitted` for a caller who is no member of the task.
    @discardableResult
    public func checkMembership(_ caller: Caller, in task: TeamTask) throws -> [Worker]? {
        try teams.memberships(of: caller, in: task)
    }

    /// The team task a labeling job is, or nil for a job without a team.
    public func teamTask(datasetId: String, jobId: String) async throws -> TeamTask? {
        try await catalog.teamTask(jobId: jobId, datasetId: datasetId)
    }

    /// The dataset's team tasks.
    public func teamTasks(datasetId: String) async throws -> [TeamTask] {
        try await catalog.teamTasks(datasetId: datasetId)
    }

    /// A page of the task's samples the caller may see (a labeler their own), in a state, meeting the conditions.
    /// - Throws: `LabelingError.notPermitted` for a caller who is no member of the task.
    public func teamSamples(
        datasetId: String,
        jobId: String,
        caller: Caller,
        state: TeamSampleFilter,
        conditions: [SampleFilter.Condition],
        offset: Int,
        limit: Int
    ) async throws -> (samples: [TeamSample], total: Int) {
        let task = try await teams.requireTeamTask(datasetId: datasetId, jobId: jobId)
        return try await catalog.teamSamples(
            datasetId: datasetId, jobId: jobId, workerIds: try teams.visibleWorkerIds(of: caller, in: task), state: state,
            conditions: conditions, offset: offset, limit: limit
        )
    }

    /// One sample of the task, if the caller may see it (a sample they may not see is not found).
    public func teamSample(datasetId: String, jobId: String, sampleId: String, caller: Caller) async throws -> TeamSample {
        try await teams.teamSample(datasetId: datasetId, jobId: jobId, sampleId: sampleId, caller: caller)
    }

    /// Sets the labels of the task's samples as the caller: a labeler only theirs, and only before review passed.
    /// - Returns: one result per update: a sample the caller may not change fails alone (`notPermitted`).
    public func updateTeamSampleLabels(
        datasetId: String, jobId: String, _ updates: [SampleLabelUpdate], caller: Caller
    ) async throws
        -> [SampleUpdateResult]
    {
        try await teams.updateLabels(datasetId: datasetId, jobId: jobId, updates, caller: caller)
    }

    /// A reviewer's verdicts on labeled samples: accepted ones wait for the owner's acceptance, rejected ones go back.
    /// - Returns: one error or nil per verdict.
    /// - Throws: `LabelingError.notPermitted` for a caller who is no reviewer of the task.
    public func review(datasetId: String, jobId: String, _ verdicts: [SampleVerdict], caller: Caller) async throws -> [LabelingError?] {
        try await teams.review(datasetId: datasetId, jobId: jobId, verdicts, caller: caller)
    }

    /// The task's samples by state, per member, and its label counts.
    public func teamStatistics(datasetId: String, jobId: String) async throws -> TeamTaskStatistics {
        try await catalog.teamStatistics(jobId: jobId, datasetId: datasetId)
    }

    /// Starts the owner's acceptance of a sample (a number, or a rate in (0, 1]) of the labels waiting for it.
    public func startAcceptance(datasetId: String, jobId: String, samplingRate: Double?, samplingNum: Int?) async throws -> AcceptanceTask {
        try await teams.startAcceptance(datasetId: datasetId, jobId: jobId, samplingRate: samplingRate, samplingNum: samplingNum)
    }

    /// The owner's verdicts on samples of the acceptance under way.
    public func commentAcceptance(datasetId: String, jobId: String, _ verdicts: [SampleVerdict]) async throws -> [LabelingError?] {
        try await teams.commentAcceptance(datasetId: datasetId, jobId: jobId, verdicts)
    }

    /// The report of one acceptance of the task and the totals of all of them.
    public func acceptanceReport(datasetId: String, jobId: String, checkingTaskId: String) async throws -> AcceptanceReport {
        try await catalog.acceptanceReport(jobId: jobId, datasetId: datasetId, checkingTaskId: checkingTaskId)
    }

    /// Ends the acceptance under way (see `AcceptanceAction`).
    /// - Returns: the samples it accepted.
    public func finishAcceptance(datasetId: String, jobId: String, action: AcceptanceAction, caller: Caller) async throws -> [TeamSample] {
        let passed = try await catalog.finishAcceptance(jobId: jobId, datasetId: datasetId, action: action, author: caller.author, at: .now)
        var samples: [TeamSample] = []
        for id in passed {
            samples.append(try await teams.teamSample(datasetId: datasetId, jobId: jobId, sampleId: id, caller: caller))
        }
        return samples
    }
}
