import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

/// Team labeling tasks ("Creating a Team Labeling Task", "Querying Details About a Team Labeling Task", "… Team Labeling
/// Task Statistics", "… the Progress of a Team Labeling Task Member", "… Task List by a Team Member").
extension LabelingEndpoints {
    /// A team task over the dataset's samples, with the members `workforces_config` names (the owner's token only).
    func createTeamTask(
        datasetId: String, name: String, body: ModelArtsAPI.CreateWorkforceTask, config: ModelArtsAPI.WorkforcesConfig
    )
        async throws -> TeamTask
    {
        try RequestCaller.requireOwner(to: "create team labeling tasks")
        if config.agency != nil {
            throw ModelArtsError.invalidParameter("workforces_config.agency", "obslab assigns a team task's samples itself, not an administrator")
        }
        if body.synchronizeData == true {
            throw ModelArtsError.invalidParameter("synchronize_data", "obslab assigns the samples present when the task is created; only false")
        }
        if body.synchronizeAutoLabelingData == true {
            throw ModelArtsError.invalidParameter("synchronize_auto_labeling_data", "obslab has no auto labeling; only false")
        }
        guard let teams = config.workforces, !teams.isEmpty else {
            throw ModelArtsError.invalidParameter("workforces_config.workforces", "is missing: name the labeling teams")
        }
        let selections = try teams.enumerated().map { index, team in
            guard let id = team.workforceId else {
                throw ModelArtsError.invalidParameter("workforces_config.workforces[\(index)].workforce_id", "is missing")
            }
            let emails = try team.workers?.enumerated().map { workerIndex, worker in
                guard let email = worker.email else {
                    throw ModelArtsError.invalidParameter("workforces_config.workforces[\(index)].workers[\(workerIndex)].email", "is missing")
                }
                return email
            }
            return WorkforceSelection(workforceId: id, emails: emails)
        }
        return try await service.createTeamTask(
            datasetId: datasetId, name: name, workforces: selections, autoSyncDataset: body.autoSyncDataset ?? true
        )
    }

    /// The team task the path's `task_id` names, or nil for a plain labeling job (or no task in the path).
    func teamTask(of dataset: Dataset, context: BasicRequestContext) async throws -> TeamTask? {
        guard let taskId = context.parameters.get("task_id") else { return nil }
        return try await service.teamTask(datasetId: dataset.id, jobId: taskId)
    }

    /// A team task is changed or deleted by the owner only; plain jobs by any token.
    func requireOwnerOfTeamTask(datasetId: String, taskId: String, to what: String) async throws {
        if try await service.teamTask(datasetId: datasetId, jobId: taskId) != nil {
            try RequestCaller.requireOwner(to: what)
        }
    }

    func requireTeamTask(_ context: BasicRequestContext) async throws -> TeamTask {
        let datasetId = try context.parameters.require("dataset_id")
        let taskId = try context.parameters.require("task_id")
        guard let task = try await service.teamTask(datasetId: datasetId, jobId: taskId) else {
            throw ModelArtsError.invalidParameter("workforce_task_id", "\(taskId) is a labeling job without a team: it has no workforces_config")
        }
        return task
    }

    /// A team task as ModelArts describes it, with its members' progress.
    func describe(_ task: TeamTask) async throws -> ModelArtsAPI.WorkforceTask {
        let statistics = try await service.teamStatistics(datasetId: task.job.datasetId, jobId: task.job.id)
        var description = ModelArtsAPI.WorkforceTask(
            taskId: task.job.id,
            taskName: task.job.name,
            datasetId: task.job.datasetId,
            description: task.job.description,
            createTime: ModelArtsAPI.milliseconds(task.job.createdAt),
            updateTime: ModelArtsAPI.milliseconds(task.job.updatedAt),
            isDefault: false,
            sampleStats: ModelArtsAPI.SampleStats(statistics.counts)
        )
        description.status = task.status.modelArtsCode
        description.autoSyncDataset = task.autoSyncDataset
        description.synchronizeData = false
        description.synchronizeAutoLabelingData = false
        description.workforcesConfig = ModelArtsAPI.WorkforcesConfig(task)
        description.workforceStats = ModelArtsAPI.WorkforceStats(
            workforceCount: Set(task.workers.map(\.workforceId)).count,
            labelerCount: task.workers.filter { $0.role == .labeler || $0.role == .administrator }.count,
            reviewerCount: task.workers.filter { $0.role == .reviewer }.count
        )
        description.workerStats = statistics.byWorker.map { entry in
            ModelArtsAPI.WorkerTask(
                email: entry.worker.email, workerId: entry.worker.id, role: entry.worker.role.rawValue, taskId: task.job.id,
                workforceTaskName: task.job.name, datasetId: task.job.datasetId, taskStatus: task.status.modelArtsCode,
                sampleStats: ModelArtsAPI.SampleStats(entry.counts), createTime: ModelArtsAPI.milliseconds(task.job.createdAt),
                updateTime: ModelArtsAPI.milliseconds(task.job.updatedAt)
            )
        }
        if let checkingTaskId = task.checkingTaskId {
            let report = try await service.acceptanceReport(datasetId: task.job.datasetId, jobId: task.job.id, checkingTaskId: checkingTaskId)
            description.checkingTaskDesc = ModelArtsAPI.CheckingTaskDescription(
                checkingTaskId: checkingTaskId, checkingStats: ModelArtsAPI.CheckTaskStats(report.checking)
            )
        }
        return description
    }

    /// "Starting a Team Labeling Task": obslab's team tasks start when they are created (their samples are assigned at
    /// once), so starting one is 200 with an empty object while it runs; new members (`workforces_config`) are refused.
    @Sendable func startTeamTask(_ request: Request, context: BasicRequestContext) async throws -> Response {
        try RequestCaller.requireOwner(to: "start team labeling tasks")
        let task = try await requireTeamTask(context)
        if let body = try await Self.decodeIfPresent(ModelArtsAPI.StartWorkforceTask.self, from: request) {
            if let id = body.datasetId, id != task.job.datasetId {
                throw ModelArtsError.invalidParameter("dataset_id", "must be the path's dataset \(task.job.datasetId), not \(id)")
            }
            if let id = body.taskId, id != task.job.id {
                throw ModelArtsError.invalidParameter("task_id", "must be the path's task \(task.job.id), not \(id)")
            }
            if body.workforcesConfig != nil {
                throw ModelArtsError.invalidParameter("workforces_config", "a team task's members are set when it is created")
            }
        }
        guard task.status == .running || task.status == .rejected else {
            throw ModelArtsError.invalidParameter("workforce_task_id", "team task \(task.job.name) is \(task.status.rawValue), not running")
        }
        return try Self.json([String: String]())
    }

    /// Each member's samples by state, keyed by email.
    @Sendable func teamTaskMetrics(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let task = try await requireTeamTask(context)
        _ = try service.checkMembership(try RequestCaller.require(), in: task)
        let statistics = try await service.teamStatistics(datasetId: task.job.datasetId, jobId: task.job.id)
        var stats: [String: [String: Int]] = [:]
        for entry in statistics.byWorker {
            stats[entry.worker.email] = Self.stateCounts(entry.counts).filter { $0.key != "total" }
        }
        return try Self.json(ModelArtsAPI.TaskMetrics(sampleStats: stats))
    }

    /// The task's samples by state, its labels and hard examples.
    @Sendable func teamTaskStats(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let task = try await requireTeamTask(context)
        _ = try service.checkMembership(try RequestCaller.require(), in: task)
        let dataset = try await service.dataset(id: task.job.datasetId)
        let statistics = try await service.teamStatistics(datasetId: dataset.id, jobId: task.job.id)
        let colors = Dictionary(dataset.labels.map { ($0.name, $0.color) }, uniquingKeysWith: { first, _ in first })
        let labels = statistics.labels.map { label in
            ModelArtsAPI.LabelStats(
                name: label.name, type: dataset.kind.labelType,
                property: (colors[label.name] ?? nil).map { [ModelArtsAPI.PropertyKey.color: .string($0)] } ?? [:],
                count: label.count, sampleCount: label.sampleCount
            )
        }
        let total = statistics.counts.total
        return try Self.json(
            ModelArtsAPI.TeamTaskStats(
                labelStats: labels,
                sampleStats: Self.stateCounts(statistics.counts),
                keySampleStats: ["total": total, "key_sample": statistics.hardCount, "non_key_sample": total - statistics.hardCount]
            )
        )
    }

    /// The team tasks of every dataset in which the caller is a member, with their share of each.
    @Sendable func listWorkerTasks(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let caller = try RequestCaller.require()
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let byName = try Self.choice("sort_by", in: request, ["create_time", "workforce_task_name"], default: "create_time") == "workforce_task_name"
        let ascending = try Self.choice("order", in: request, ["asc", "desc"], default: "desc") == "asc"
        let search = request.uri.queryParameters["search_content"].map(String.init)
        var workerTasks: [ModelArtsAPI.WorkerTask] = []
        for dataset in try await service.listDatasets(offset: 0, limit: Int.max).datasets {
            for task in try await service.teamTasks(datasetId: dataset.id) where search.map({ task.job.name.contains($0) }) ?? true {
                let members = task.workers.filter { caller.isOwner || caller.identities.contains($0.email) }
                guard !members.isEmpty else { continue }
                let description = try await describe(task)
                workerTasks += (description.workerStats ?? []).filter { stat in members.contains { $0.id == stat.workerId } }
            }
        }
        workerTasks.sort { lhs, rhs in
            let ordered = byName ? lhs.workforceTaskName < rhs.workforceTaskName : lhs.createTime < rhs.createTime
            return ascending ? ordered : !ordered
        }
        return try Self.json(ModelArtsAPI.WorkerTaskList(count: workerTasks.count, workerTasks: Array(workerTasks.dropFirst(offset).prefix(limit))))
    }

    /// `un_annotation`, `unreviewed`, `rejected`, `uncheck`, `accepted`, `auto_annotation` and `total`, as the reference.
    static func stateCounts(_ counts: TeamSampleCounts) -> [String: Int] {
        [
            "total": counts.total, "un_annotation": counts.unlabeled, "unreviewed": counts.unreviewed, "rejected": counts.rejected,
            "uncheck": counts.uncheck, "accepted": counts.accepted, "auto_annotation": 0,
        ]
    }
}

extension TeamTaskStatus {
    /// ModelArts's task status: 1 running, 2 accepting, 3 accepted, 4 rejected.
    var modelArtsCode: Int {
        switch self {
        case .running: 1
        case .accepting: 2
        case .accepted: 3
        case .rejected: 4
        }
    }
}

extension ModelArtsAPI.SampleStats {
    init(_ counts: TeamSampleCounts) {
        self.init(totalSampleCount: counts.total, unannotatedSampleCount: counts.unlabeled)
        unreviewedSampleCount = counts.unreviewed
        uncheckSampleCount = counts.uncheck
        sampledSampleCount = counts.sampled
        rejectedSampleCount = counts.rejected
        acceptedSampleCount = counts.accepted
        autoAnnotationSampleCount = 0
    }
}

extension ModelArtsAPI.WorkforcesConfig {
    init(_ task: TeamTask) {
        var teams: [ModelArtsAPI.WorkforceConfig] = []
        for worker in task.workers {
            let member = ModelArtsAPI.Worker(email: worker.email, workerId: worker.id, workforceId: worker.workforceId, role: worker.role.rawValue)
            if let index = teams.firstIndex(where: { $0.workforceId == worker.workforceId }) {
                teams[index].workers?.append(member)
            } else {
                teams.append(ModelArtsAPI.WorkforceConfig(workforceId: worker.workforceId, workers: [member]))
            }
        }
        self.init(workforces: teams)
    }
}

extension ModelArtsAPI.CheckTaskStats {
    init(_ stats: AcceptanceStats) {
        self.init(
            taskId: stats.taskId, samplingRate: stats.samplingRate, samplingNum: stats.samplingNum, passRate: stats.passRate,
            score: stats.score, totalScore: Int64(stats.scorePoints), totalSampleCount: stats.totalSampleCount,
            sampledSampleCount: stats.sampledSampleCount, uncheckedSampleCount: stats.uncheckedSampleCount,
            checkedSampleCount: stats.checkedSampleCount, acceptedSampleCount: stats.acceptedSampleCount,
            rejectedSampleCount: stats.rejectedSampleCount
        )
    }
}
