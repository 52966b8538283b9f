import Foundation
import GRDB
import LabelFormats

/// Team labeling tasks: labeling jobs whose samples are spread over team members, and their samples' states.
extension LabelingCatalog {
    /// Records a labeling job holding the dataset's current samples and makes it a team task: the members of the
    /// selected teams take part, and the samples (in key order) go to its labelers in turn. One transaction.
    /// - Throws: `LabelingError` notFound for an unknown dataset, team or member email; duplicateName for a job name in
    ///   use; invalidArgument for a selection without labelers.
    func createTeamTask(_ job: LabelingJob, workforces: [WorkforceSelection], autoSyncDataset: Bool) async throws -> TeamTask {
        try await writer.write { db in
            _ = try Self.fetchDataset(db, id: job.datasetId)
            let taken = LabelingJobRecord.filter(
                LabelingJobRecord.Columns.datasetId == job.datasetId && LabelingJobRecord.Columns.name == job.name
            )
            if try taken.fetchCount(db) > 0 {
                throw LabelingError.duplicateName("A labeling job named \(job.name) already exists in dataset \(job.datasetId)")
            }
            var workers: [Worker] = []
            for selection in workforces {
                let team = try Self.fetchWorkforce(db, id: selection.workforceId)
                let members = try WorkerRecord.filter(WorkerRecord.Columns.workforceId == team.id).order(WorkerRecord.Columns.createdAt).fetchAll(db)
                let chosen = try (selection.emails ?? members.map(\.email)).map { email in
                    guard let member = members.first(where: { $0.email == email }) else {
                        throw LabelingError(code: .workerNotFound, message: "Labeling team \(team.name) has no member \(email)")
                    }
                    return member
                }
                for member in chosen where !workers.contains(where: { $0.id == member.id }) {
                    workers.append(try member.worker(hasUser: try Self.hasUser(db, email: member.email)))
                }
            }
            let record = TeamTaskRecord(jobId: job.id, status: .running, autoSyncDataset: autoSyncDataset, workers: workers)
            let task = record.task(job)
            let labelers = task.labelers
            guard !labelers.isEmpty else {
                throw LabelingError.invalidArgument(
                    "A team labeling task needs a labeler (role 0) or team administrator (role 2) to label its samples")
            }
            try LabelingJobRecord(job).insert(db)
            try Self.syncJobSamples(db, jobId: job.id, datasetId: job.datasetId)
            try record.insert(db)
            let query = SampleQuery(datasetId: job.datasetId, jobId: job.id, state: .all)
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT sample.id AS id, \(query.isLabeled) AS isLabeled " + query.from + " ORDER BY sample.key, sample.line",
                arguments: query.arguments
            )
            for (index, row) in rows.enumerated() {
                var sample = TeamSampleRecord(jobId: job.id, sampleId: row["id"], workerId: labelers[index % labelers.count].id)
                if row["isLabeled"] as Bool? == true { sample.relabeled(isLabeled: true, hasReviewers: task.hasReviewers) }
                try sample.insert(db)
            }
            return task
        }
    }

    /// The team task a labeling job is, or nil for a job without a team.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job.
    func teamTask(jobId: String, datasetId: String) async throws -> TeamTask? {
        try await writer.read { db in try Self.fetchTeamTask(db, jobId: jobId, datasetId: datasetId) }
    }

    /// The dataset's team tasks.
    /// - Throws: `LabelingError.datasetNotFound`.
    func teamTasks(datasetId: String) async throws -> [TeamTask] {
        try await writer.read { db in
            _ = try Self.fetchDataset(db, id: datasetId)
            let jobs = try LabelingJobRecord.filter(LabelingJobRecord.Columns.datasetId == datasetId).fetchAll(db)
            return try jobs.compactMap { job in try TeamTaskRecord.fetchOne(db, key: job.id)?.task(job.job) }
        }
    }

    /// A page of a team task's samples, with the task's labels, that pass the state filter and the conditions; with
    /// `workerIds`, only those assigned to these members. `total` counts all that pass.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument for a job that is no team task.
    func teamSamples(
        datasetId: String,
        jobId: String,
        workerIds: Set<String>?,
        state: TeamSampleFilter,
        conditions: [SampleFilter.Condition],
        offset: Int,
        limit: Int
    ) async throws -> (samples: [TeamSample], total: Int) {
        try await writer.read { db in
            let task = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: .all, conditions: conditions)
            var clause = " AND sample.id IN (SELECT teamSample.sampleId FROM teamSample WHERE teamSample.jobId = ?"
            var arguments = query.arguments + [jobId]
            if let workerIds {
                clause += " AND teamSample.workerId IN (\(Array(repeating: "?", count: workerIds.count).joined(separator: ", ")))"
                arguments += StatementArguments(workerIds.sorted())
            }
            switch state {
            case .all: break
            case .labeled: clause += " AND teamSample.state <> '\(TeamSampleState.unlabeled.rawValue)'"
            case .state(let state):
                clause += " AND teamSample.state = ?"
                arguments += [state.rawValue]
            case .reviewed: clause += " AND teamSample.reviewAccept = 1"
            case .sampled(let checked, let accepted):
                clause += " AND teamSample.checkingTaskId = ?"
                arguments += [task.checkingTaskId ?? ""]
                if let checked { clause += checked ? " AND teamSample.checkAccept IS NOT NULL" : " AND teamSample.checkAccept IS NULL" }
                if let accepted { clause += " AND teamSample.checkAccept = \(accepted ? 1 : 0)" }
            }
            clause += ")"
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) " + query.from + clause, arguments: arguments) ?? 0
            let records = try SampleRecord.fetchAll(
                db,
                sql: query.select + query.from + clause + " ORDER BY sample.bucket, sample.key, sample.line LIMIT ? OFFSET ?",
                arguments: arguments + [max(0, limit), max(0, offset)]
            )
            let assignments = try Self.assignments(db, jobId: jobId, sampleIds: records.map(\.id))
            let samples = records.compactMap { record in
                assignments[record.id].map { TeamSample(sample: record.entry.sample(jobId: jobId), assignment: $0) }
            }
            return (samples, total)
        }
    }

    /// The assignments of these samples in the task (samples the task does not hold are left out).
    func assignments(jobId: String, sampleIds: [String]) async throws -> [String: TeamAssignment] {
        try await writer.read { db in try Self.assignments(db, jobId: jobId, sampleIds: sampleIds) }
    }

    /// After a label edit in the task: each sample's state follows its labels (labeled and waiting, or unlabeled), and
    /// its former review no longer holds. Samples already accepted keep their state.
    func markRelabeled(jobId: String, datasetId: String, sampleIds: [String]) async throws {
        try await writer.write { db in
            let task = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: .labeled)
            for id in sampleIds {
                guard var row = try Self.teamSample(db, jobId: jobId, sampleId: id), row.state != .accepted else { continue }
                let labeled =
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) " + query.from + " AND sample.id = ?", arguments: query.arguments + [id]) ?? 0
                row.relabeled(isLabeled: labeled > 0, hasReviewers: task.hasReviewers)
                try row.update(db)
            }
        }
    }

    /// Records reviewers' verdicts: accepted labels wait for the owner's acceptance, rejected ones go back to their
    /// labeler. Only labeled samples waiting for review (or already reviewed, to change the verdict) may be reviewed.
    /// - Returns: one error or nil per verdict, in order.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument for a job that is no team task.
    func review(jobId: String, datasetId: String, _ verdicts: [SampleVerdict], reviewer: String) async throws -> [LabelingError?] {
        try await writer.write { db in
            let task = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            return try verdicts.map { verdict in
                guard var row = try Self.teamSample(db, jobId: jobId, sampleId: verdict.sampleId) else {
                    return LabelingError.sampleNotFound(verdict.sampleId)
                }
                if let workerId = verdict.workerId, workerId != row.workerId {
                    return LabelingError.invalidArgument("Sample \(verdict.sampleId) is labeled by member \(row.workerId), not \(workerId)")
                }
                let reviewable: Set<TeamSampleState> = [.unreviewed, .uncheck, .rejected]
                let underAcceptance = task.checkingTaskId != nil && row.checkingTaskId == task.checkingTaskId
                guard reviewable.contains(row.state), !underAcceptance else {
                    return LabelingError.invalidArgument(
                        "Sample \(verdict.sampleId) is \(row.state.rawValue): only labeled samples not under acceptance are reviewed")
                }
                row.state = verdict.accept ? .uncheck : .rejected
                row.reviewAccept = verdict.accept
                row.reviewComment = verdict.comment
                row.reviewScore = verdict.score
                row.reviewedBy = reviewer
                try row.update(db)
                return nil
            }
        }
    }

    /// A team task's samples by state, per member, its label counts and hard examples.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument for a job that is no team task.
    func teamStatistics(jobId: String, datasetId: String) async throws -> TeamTaskStatistics {
        try await writer.read { db in
            let task = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            let rows = try TeamSampleRecord.filter(TeamSampleRecord.Columns.jobId == jobId).fetchAll(db)
            var counts = TeamSampleCounts()
            var byWorker: [String: TeamSampleCounts] = [:]
            for row in rows {
                counts.add(row.assignment, checkingTaskId: task.checkingTaskId)
                byWorker[row.workerId, default: TeamSampleCounts()].add(row.assignment, checkingTaskId: task.checkingTaskId)
            }
            let query = SampleQuery(datasetId: datasetId, jobId: jobId, state: .all)
            let samples = try SampleRecord.fetchAll(
                db,
                sql: query.select + query.from + " AND sample.id IN (SELECT sampleId FROM teamSample WHERE jobId = ?)",
                arguments: query.arguments + [jobId]
            )
            var labelCounts: [String: (count: Int, samples: Int)] = [:]
            for sample in samples {
                for annotation in sample.annotations { labelCounts[annotation.name, default: (0, 0)].count += 1 }
                for name in Set(sample.annotations.map(\.name)) { labelCounts[name, default: (0, 0)].samples += 1 }
            }
            let labels = try Self.fetchLabels(db, datasetId: datasetId).map(\.label.name)
            return TeamTaskStatistics(
                counts: counts,
                byWorker: task.workers.map { WorkerCounts(worker: $0, counts: byWorker[$0.id] ?? TeamSampleCounts()) },
                labels: labels.map { LabelCount(name: $0, count: labelCounts[$0]?.count ?? 0, sampleCount: labelCounts[$0]?.samples ?? 0) },
                hardCount: samples.filter { $0.hard == true }.count
            )
        }
    }

    static func fetchTeamTask(_ db: Database, jobId: String, datasetId: String) throws -> TeamTask? {
        let job = try fetchJob(db, id: jobId, datasetId: datasetId)
        return try TeamTaskRecord.fetchOne(db, key: jobId)?.task(job.job)
    }

    static func requireTeamTask(_ db: Database, jobId: String, datasetId: String) throws -> TeamTask {
        _ = try fetchDataset(db, id: datasetId)
        guard let task = try fetchTeamTask(db, jobId: jobId, datasetId: datasetId) else {
            throw LabelingError.invalidArgument("Labeling job \(jobId) is not a team labeling task: it has no workforces_config")
        }
        return task
    }

    static func teamSample(_ db: Database, jobId: String, sampleId: String) throws -> TeamSampleRecord? {
        try TeamSampleRecord.filter(TeamSampleRecord.Columns.jobId == jobId && TeamSampleRecord.Columns.sampleId == sampleId).fetchOne(db)
    }

    static func assignments(_ db: Database, jobId: String, sampleIds: [String]) throws -> [String: TeamAssignment] {
        guard !sampleIds.isEmpty else { return [:] }
        let rows = try TeamSampleRecord.filter(TeamSampleRecord.Columns.jobId == jobId).filter(sampleIds.contains(TeamSampleRecord.Columns.sampleId))
            .fetchAll(db)
        return Dictionary(rows.map { ($0.sampleId, $0.assignment) }, uniquingKeysWith: { first, _ in first })
    }
}
