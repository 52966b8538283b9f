import Foundation
import Logging

/// Team labeling: users with tokens of their own, labeling teams, team tasks whose samples are assigned to members,
/// review and acceptance ("Team Labeling" of ModelArts).
///
/// The owner does everything; a member, known by their token, sees and labels only the samples assigned to them, and
/// reviews only in a task where they are a reviewer (or team administrator).
struct TeamService: Sendable {
    let catalog: LabelingCatalog
    let labelEditing: LabelEditingService
    let logger: Logger

    // MARK: Identity

    func issueToken(user name: String, email: String?) async throws -> IssuedToken {
        try Validation.checkAuthor(name)
        if let email { try Self.checkEmail(email) }
        let token = APIToken.make()
        let user = try await catalog.setToken(user: name, email: email, tokenHash: APIToken.hash(token), at: Date())
        logger.info("Issued an API token", metadata: ["labeling.user": "\(name)"])
        return IssuedToken(user: user, token: token)
    }

    func user(token: String) async throws -> APIUser? {
        guard token.hasPrefix(APIToken.prefix) else { return nil }
        return try await catalog.user(tokenHash: APIToken.hash(token))
    }

    // MARK: Teams

    func createWorkforce(name: String, description: String?) async throws -> Workforce {
        try Validation.checkName(name, what: "labeling team name", maxLength: 64)
        if let description { try Validation.checkDescription(description) }
        return try await catalog.createWorkforce(id: Identifier.make(), name: name, description: description ?? "", at: Date())
    }

    func updateWorkforce(id: String, _ update: WorkforceUpdate) async throws {
        if let name = update.name { try Validation.checkName(name, what: "labeling team name", maxLength: 64) }
        if let description = update.description { try Validation.checkDescription(description) }
        try await catalog.updateWorkforce(id: id, update, at: Date())
    }

    func addWorker(workforceId: String, email: String, role: WorkerRole, description: String?) async throws -> Worker {
        try Self.checkEmail(email)
        if let description { try Validation.checkDescription(description) }
        guard role != .owner else { throw LabelingError.invalidArgument("A member's role is 0 (labeler), 1 (reviewer) or 2 (team administrator)") }
        return try await catalog.addWorker(
            id: Identifier.make(), workforceId: workforceId, email: email, role: role, description: description ?? "", at: Date()
        )
    }

    func updateWorker(id: String, workforceId: String, role: WorkerRole?, description: String?) async throws {
        if let description { try Validation.checkDescription(description) }
        try await catalog.updateWorker(id: id, workforceId: workforceId, role: role, description: description, at: Date())
    }

    // MARK: Team tasks

    func createTeamTask(
        datasetId: String, name: String, description: String?, workforces: [WorkforceSelection], autoSyncDataset: Bool
    )
        async throws -> TeamTask
    {
        try Validation.checkName(name, what: "labeling job name", maxLength: 64)
        if let description { try Validation.checkDescription(description) }
        guard !workforces.isEmpty else { throw LabelingError.invalidArgument("A team labeling task needs at least one labeling team") }
        let now = Date()
        let job = LabelingJob(
            id: Identifier.make(), datasetId: datasetId, name: name, isDefault: false, createdAt: now, description: description ?? "",
            updatedAt: now
        )
        let task = try await catalog.createTeamTask(job, workforces: workforces, autoSyncDataset: autoSyncDataset)
        logger.info("Created a team labeling task", metadata: ["labeling.dataset": "\(datasetId)", "labeling.job": "\(job.id)"])
        return task
    }

    /// The members of the task the caller is, or nil for the owner (who sees everything).
    /// - Throws: `LabelingError.notPermitted` for a caller who is no member of the task.
    func memberships(of caller: Caller, in task: TeamTask) throws -> [Worker]? {
        guard !caller.isOwner else { return nil }
        let members = task.workers.filter { caller.isMember($0.email) }
        guard !members.isEmpty else {
            throw LabelingError.notPermitted("\(caller.author) is not a member of team labeling task \(task.job.name)")
        }
        return members
    }

    /// The samples the caller may see in the task: a labeler's own; every sample for the owner, reviewers and team
    /// administrators.
    func visibleWorkerIds(of caller: Caller, in task: TeamTask) throws -> Set<String>? {
        guard let members = try memberships(of: caller, in: task) else { return nil }
        if members.contains(where: { $0.role == .reviewer || $0.role == .administrator }) { return nil }
        return Set(members.map(\.id))
    }

    func teamSample(datasetId: String, jobId: String, sampleId: String, caller: Caller) async throws -> TeamSample {
        let task = try await requireTeamTask(datasetId: datasetId, jobId: jobId)
        let visible = try visibleWorkerIds(of: caller, in: task)
        let sample = try await catalog.sample(id: sampleId, datasetId: datasetId, jobId: jobId)
        guard let assignment = try await catalog.assignments(jobId: jobId, sampleIds: [sampleId])[sampleId],
            visible.map({ $0.contains(assignment.workerId) }) ?? true
        else { throw LabelingError.sampleNotFound(sampleId) }
        return TeamSample(sample: sample, assignment: assignment)
    }

    /// Sets labels of the task's samples. A labeler changes only the samples assigned to them, and only while they are
    /// unlabeled, waiting for review or rejected; each changed sample then waits for review again.
    func updateLabels(datasetId: String, jobId: String, _ updates: [SampleLabelUpdate], caller: Caller) async throws -> [SampleUpdateResult] {
        let task = try await requireTeamTask(datasetId: datasetId, jobId: jobId)
        let own = try memberships(of: caller, in: task).map { Set($0.map(\.id)) }
        let assignments = try await catalog.assignments(jobId: jobId, sampleIds: updates.map(\.sampleId))
        var refused: [String: LabelingError] = [:]
        for update in updates {
            guard let assignment = assignments[update.sampleId] else {
                refused[update.sampleId] = .sampleNotFound(update.sampleId)
                continue
            }
            if let own, !own.contains(assignment.workerId) {
                refused[update.sampleId] = .notPermitted("Sample \(update.sampleId) is not assigned to \(caller.author)")
            } else if !caller.isOwner, ![.unlabeled, .unreviewed, .rejected].contains(assignment.state) {
                refused[update.sampleId] = .notPermitted("Sample \(update.sampleId) is \(assignment.state.rawValue): its labels can no longer change")
            }
        }
        let allowed = updates.filter { refused[$0.sampleId] == nil }
        var results: [String: SampleUpdateResult] = [:]
        if !allowed.isEmpty {
            for result in try await labelEditing.updateSampleLabels(datasetId: datasetId, jobId: jobId, allowed, author: caller.author) {
                results[result.sampleId] = result
            }
            try await catalog.markRelabeled(jobId: jobId, datasetId: datasetId, sampleIds: allowed.map(\.sampleId))
        }
        return updates.map { results[$0.sampleId] ?? SampleUpdateResult(sampleId: $0.sampleId, error: refused[$0.sampleId]) }
    }

    /// A reviewer's verdicts: the owner, or a reviewer or team administrator of the task.
    func review(datasetId: String, jobId: String, _ verdicts: [SampleVerdict], caller: Caller) async throws -> [LabelingError?] {
        let task = try await requireTeamTask(datasetId: datasetId, jobId: jobId)
        if let members = try memberships(of: caller, in: task), !members.contains(where: { $0.role == .reviewer || $0.role == .administrator }) {
            throw LabelingError.notPermitted("\(caller.author) is no reviewer of team labeling task \(task.job.name)")
        }
        try Self.check(verdicts)
        return try await catalog.review(jobId: jobId, datasetId: datasetId, verdicts, reviewer: caller.author)
    }

    func requireTeamTask(datasetId: String, jobId: String) async throws -> TeamTask {
        guard let task = try await catalog.teamTask(jobId: jobId, datasetId: datasetId) else {
            throw LabelingError.invalidArgument("Labeling job \(jobId) is not a team labeling task: it has no workforces_config")
        }
        return task
    }

    // MARK: Acceptance

    func startAcceptance(datasetId: String, jobId: String, samplingRate: Double?, samplingNum: Int?) async throws -> AcceptanceTask {
        switch (samplingRate, samplingNum) {
        case (nil, nil), (_?, _?):
            throw LabelingError.invalidArgument("Give either sampling_rate or sampling_num")
        case (let rate?, nil) where !(rate > 0 && rate <= 1):
            throw LabelingError.invalidArgument("The sampling rate must be in (0, 1], not \(rate)")
        case (nil, let number?) where number < 1:
            throw LabelingError.invalidArgument("The number of samples must be at least 1, not \(number)")
        default:
            break
        }
        return try await catalog.startAcceptance(
            id: Identifier.make(), jobId: jobId, datasetId: datasetId, samplingRate: samplingRate, samplingNum: samplingNum, at: Date()
        )
    }

    func commentAcceptance(datasetId: String, jobId: String, _ verdicts: [SampleVerdict]) async throws -> [LabelingError?] {
        try Self.check(verdicts)
        return try await catalog.commentAcceptance(jobId: jobId, datasetId: datasetId, verdicts)
    }

    // MARK: Checks

    static func check(_ verdicts: [SampleVerdict]) throws {
        guard (1...1000).contains(verdicts.count) else {
            throw LabelingError.invalidArgument("Give 1 to 1000 comments, not \(verdicts.count)")
        }
        for verdict in verdicts {
            if let score = verdict.score, Score.points(score) == nil {
                throw LabelingError.invalidArgument("The score of sample \(verdict.sampleId) must be A, B, C or D, not \(score)")
            }
            if let comment = verdict.comment { try Validation.checkDescription(comment) }
        }
    }

    /// An email: something@something, at most 256 characters, no space or control character.
    static func checkEmail(_ email: String) throws {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let clean = !email.unicodeScalars.contains { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, email.count <= 256, clean else {
            throw LabelingError.invalidArgument("'\(email)' is not an email address")
        }
    }
}
