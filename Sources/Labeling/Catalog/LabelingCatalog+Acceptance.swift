import Foundation
import GRDB

/// The owner's acceptance of a team task: a sample of the reviewed labels is checked, and the task passes or goes back.
extension LabelingCatalog {
    /// Starts an acceptance over the samples waiting for it (`uncheck`): `samplingNum` of them, or the `samplingRate`
    /// share (at least one), chosen at random. The task is then accepting.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job; invalidArgument for a job that is no team task,
    ///   a task already accepting or accepted, or no sample waiting for acceptance.
    func startAcceptance(
        id: String, jobId: String, datasetId: String, samplingRate: Double?, samplingNum: Int?, at date: Date
    ) async throws
        -> AcceptanceTask
    {
        try await writer.write { db in
            let task = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            guard task.status == .running || task.status == .rejected else {
                throw LabelingError.invalidArgument("Team labeling task \(task.job.name) is \(task.status.rawValue): only a running task is accepted")
            }
            let all = TeamSampleRecord.filter(TeamSampleRecord.Columns.jobId == jobId)
            let waiting = try all.filter(TeamSampleRecord.Columns.state == TeamSampleState.uncheck.rawValue).fetchAll(db)
            guard !waiting.isEmpty else {
                throw LabelingError.invalidArgument("No sample of team labeling task \(task.job.name) waits for acceptance: label and review first")
            }
            let count = samplingNum.map { min($0, waiting.count) } ?? max(1, Int((Double(waiting.count) * (samplingRate ?? 1)).rounded(.up)))
            for var row in waiting.shuffled().prefix(count) {
                row.checkingTaskId = id
                row.checkAccept = nil
                row.checkComment = nil
                row.checkScore = nil
                try row.update(db)
            }
            let record = AcceptanceTaskRecord(
                id: id, jobId: jobId, samplingRate: samplingRate, samplingNum: samplingNum, totalCount: try all.fetchCount(db),
                sampledCount: count, status: .checking, action: nil, acceptedCount: 0, rejectedCount: 0, scorePoints: 0, scoredCount: 0,
                createdAt: date, finishedAt: nil
            )
            try record.insert(db)
            try TeamTaskRecord.filter(key: jobId).updateAll(
                db,
                Column("status").set(to: TeamTaskStatus.accepting.rawValue),
                Column("checkingTaskId").set(to: id)
            )
            return record.task
        }
    }

    /// Records the owner's verdicts on sampled samples of the acceptance under way.
    /// - Returns: one error or nil per verdict, in order.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument when no acceptance is under way.
    func commentAcceptance(jobId: String, datasetId: String, _ verdicts: [SampleVerdict]) async throws -> [LabelingError?] {
        try await writer.write { db in
            let task = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            guard let checkingTaskId = task.checkingTaskId else {
                throw LabelingError.invalidArgument("Team labeling task \(task.job.name) has no acceptance under way: create one first")
            }
            return try verdicts.map { verdict in
                guard var row = try Self.teamSample(db, jobId: jobId, sampleId: verdict.sampleId) else {
                    return LabelingError.sampleNotFound(verdict.sampleId)
                }
                guard row.checkingTaskId == checkingTaskId else {
                    return LabelingError.invalidArgument("Sample \(verdict.sampleId) is not sampled by acceptance \(checkingTaskId)")
                }
                if let workerId = verdict.workerId, workerId != row.workerId {
                    return LabelingError.invalidArgument("Sample \(verdict.sampleId) is labeled by member \(row.workerId), not \(workerId)")
                }
                row.checkAccept = verdict.accept
                row.checkComment = verdict.comment
                row.checkScore = verdict.score
                row.state = verdict.accept ? .accepted : .rejected
                try row.update(db)
                return nil
            }
        }
    }

    /// The report of an acceptance of the task, and the totals of all its acceptances (the one under way counted live).
    /// - Throws: `LabelingError` notFound for an unknown dataset, job or acceptance.
    func acceptanceReport(jobId: String, datasetId: String, checkingTaskId: String) async throws -> AcceptanceReport {
        try await writer.read { db in
            _ = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            let records = try AcceptanceTaskRecord.filter(AcceptanceTaskRecord.Columns.jobId == jobId)
                .filter(AcceptanceTaskRecord.Columns.status != AcceptanceStatus.cancelled.rawValue)
                .order(AcceptanceTaskRecord.Columns.createdAt).fetchAll(db)
            guard let asked = try AcceptanceTaskRecord.fetchOne(db, key: checkingTaskId), asked.jobId == jobId else {
                throw LabelingError(code: .jobNotFound, message: "Team labeling task \(jobId) has no acceptance \(checkingTaskId)")
            }
            let stats = try records.map { try Self.stats($0, db) }
            let checking = try Self.stats(asked, db)
            let total = AcceptanceStats(
                taskId: nil, samplingRate: nil, samplingNum: nil, totalSampleCount: checking.totalSampleCount,
                sampledSampleCount: stats.map(\.sampledSampleCount).reduce(0, +),
                acceptedSampleCount: stats.map(\.acceptedSampleCount).reduce(0, +),
                rejectedSampleCount: stats.map(\.rejectedSampleCount).reduce(0, +),
                scorePoints: stats.map(\.scorePoints).reduce(0, +), scoredCount: stats.map(\.scoredCount).reduce(0, +)
            )
            return AcceptanceReport(checking: checking, total: total)
        }
    }

    /// Ends the acceptance under way. Passing samples become accepted and, with `autoSyncDataset`, their labels become
    /// the dataset's (recorded as their labeler's); rejected samples go back to their labelers. The task is accepted
    /// when every sample passed, rejected after `rejectAll`, and running again otherwise.
    /// - Returns: the samples accepted by this action.
    /// - Throws: `LabelingError` notFound for an unknown dataset or job, invalidArgument when no acceptance is under way.
    func finishAcceptance(jobId: String, datasetId: String, action: AcceptanceAction, author: String, at date: Date) async throws -> [String] {
        try await writer.write { db in
            let task = try Self.requireTeamTask(db, jobId: jobId, datasetId: datasetId)
            guard let checkingTaskId = task.checkingTaskId, var acceptance = try AcceptanceTaskRecord.fetchOne(db, key: checkingTaskId) else {
                throw LabelingError.invalidArgument("Team labeling task \(task.job.name) has no acceptance under way: create one first")
            }
            let stats = try Self.stats(acceptance, db)
            let rows = try TeamSampleRecord.filter(TeamSampleRecord.Columns.jobId == jobId).fetchAll(db)
            var passed: [String] = []
            for var row in rows {
                let sampled = row.checkingTaskId == checkingTaskId
                switch action {
                case .cancel:
                    guard sampled else { continue }
                    row.state = row.checkAccept == nil ? row.state : .uncheck
                    row.checkAccept = nil
                    row.checkComment = nil
                    row.checkScore = nil
                    row.checkingTaskId = nil
                case .passAll:
                    guard row.state == .uncheck || row.state == .accepted || (sampled && row.state == .rejected) else { continue }
                    if row.state != .accepted { passed.append(row.sampleId) }
                    row.state = .accepted
                case .rejectAll:
                    guard sampled else { continue }
                    row.state = .rejected
                    row.checkAccept = false
                case .passAccepted:
                    guard sampled, row.checkAccept == true else { continue }
                    passed.append(row.sampleId)
                }
                try row.update(db)
            }
            if task.autoSyncDataset { try Self.copyJobLabels(db, jobId: jobId, datasetId: datasetId, sampleIds: passed, author: author, at: date) }
            let remaining = try TeamSampleRecord.filter(TeamSampleRecord.Columns.jobId == jobId)
                .filter(TeamSampleRecord.Columns.state != TeamSampleState.accepted.rawValue).fetchCount(db)
            let status: TeamTaskStatus =
                switch action {
                case .rejectAll: .rejected
                case .cancel: .running
                case .passAll, .passAccepted: remaining == 0 ? .accepted : .running
                }
            acceptance.status = action == .cancel ? .cancelled : .finished
            acceptance.action = action
            acceptance.acceptedCount = action == .rejectAll ? 0 : stats.acceptedSampleCount
            acceptance.rejectedCount = action == .rejectAll ? stats.sampledSampleCount : stats.rejectedSampleCount
            acceptance.scorePoints = stats.scorePoints
            acceptance.scoredCount = stats.scoredCount
            acceptance.finishedAt = date
            try acceptance.update(db)
            try TeamTaskRecord.filter(key: jobId).updateAll(
                db,
                Column("status").set(to: status.rawValue),
                Column("checkingTaskId").set(to: nil as String?)
            )
            try Self.touchDataset(db, id: datasetId, at: date)
            return passed
        }
    }

    /// The counts of an acceptance: live from its samples while it runs, as recorded once it ended.
    static func stats(_ record: AcceptanceTaskRecord, _ db: Database) throws -> AcceptanceStats {
        var stats = AcceptanceStats(
            taskId: record.id, samplingRate: record.samplingRate, samplingNum: record.samplingNum ?? record.sampledCount,
            totalSampleCount: record.totalCount, sampledSampleCount: record.sampledCount, acceptedSampleCount: record.acceptedCount,
            rejectedSampleCount: record.rejectedCount, scorePoints: record.scorePoints, scoredCount: record.scoredCount
        )
        guard record.status == .checking else { return stats }
        let rows = try TeamSampleRecord.filter(TeamSampleRecord.Columns.checkingTaskId == record.id).fetchAll(db)
        stats.acceptedSampleCount = rows.filter { $0.checkAccept == true }.count
        stats.rejectedSampleCount = rows.filter { $0.checkAccept == false }.count
        let scores = rows.compactMap { $0.checkScore.flatMap(Score.points) }
        stats.scorePoints = scores.reduce(0, +)
        stats.scoredCount = scores.count
        return stats
    }

    /// The job's own labels of these samples become the dataset's, recorded as their labeler's edit.
    static func copyJobLabels(_ db: Database, jobId: String, datasetId: String, sampleIds: [String], author: String, at date: Date) throws {
        var changed = false
        for id in sampleIds {
            guard
                let row = try JobSampleRecord.filter(JobSampleRecord.Columns.jobId == jobId && JobSampleRecord.Columns.sampleId == id).fetchOne(db),
                let annotations = row.annotations, let record = try SampleRecord.fetchOne(db, key: id)
            else { continue }
            var sample = record.entry
            guard sample.annotations != annotations else { continue }
            LabelEdit(author: row.labeledBy ?? author, date: date).apply(annotations, to: &sample)
            try SampleRecord(sample).update(db)
            changed = true
        }
        if changed { try touchDataset(db, id: datasetId, at: date) }
    }
}
