import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Team labeling: user tokens, teams, team tasks, review and acceptance")
struct TeamLabelingTests {
    /// Four unlabeled images, users alice and bob (labelers) and rita (reviewer) with tokens, one team with all three, and
    /// a team task over the dataset.
    struct Team {
        let fixture: LabelingFixture
        let dataset: Dataset
        let task: TeamTask
        let callers: [String: Caller]

        func samples(_ user: String, _ state: TeamSampleFilter = .all) async throws -> [TeamSample] {
            try await fixture.service.teamSamples(
                datasetId: dataset.id, jobId: task.job.id, caller: callers[user] ?? .owner(actingAs: user), state: state, conditions: [],
                offset: 0, limit: 100
            ).samples
        }

        func label(_ user: String, _ samples: [TeamSample], _ name: String) async throws -> [SampleUpdateResult] {
            let updates = samples.map { SampleLabelUpdate(sampleId: $0.sample.id, annotations: [Annotation(name: name)]) }
            return try await fixture.service.updateTeamSampleLabels(datasetId: dataset.id, jobId: task.job.id, updates, caller: callers[user]!)
        }
    }

    static func team() async throws -> Team {
        let fixture = try LabelingFixture()
        for name in ["a", "b", "c", "d"] { fixture.storage.put("data", "img/\(name).jpg", name) }
        let dataset = try await fixture.createDataset("pets", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        var callers: [String: Caller] = [:]
        for user in ["alice", "bob", "rita", "mallory"] {
            let issued = try await fixture.service.issueToken(user: user, email: "\(user)@example.com")
            callers[user] = .user(try #require(try await fixture.service.user(token: issued.token)))
        }
        let workforce = try await fixture.service.createWorkforce(name: "pets-team", description: nil)
        for (user, role) in [("alice", WorkerRole.labeler), ("bob", .labeler), ("rita", .reviewer)] {
            _ = try await fixture.service.addWorker(workforceId: workforce.id, email: "\(user)@example.com", role: role, description: nil)
        }
        let task = try await fixture.service.createTeamTask(
            datasetId: dataset.id, name: "pets-task", workforces: [WorkforceSelection(workforceId: workforce.id)]
        )
        return Team(fixture: fixture, dataset: dataset, task: task, callers: callers)
    }

    @Test func aTokenFindsItsUserUntilANewOneReplacesIt() async throws {
        let fixture = try LabelingFixture()
        let first = try await fixture.service.issueToken(user: "alice", email: "alice@example.com")
        #expect(try await fixture.service.user(token: first.token)?.name == "alice")
        let second = try await fixture.service.issueToken(user: "alice", email: nil)
        #expect(first.token != second.token)
        #expect(try await fixture.service.user(token: first.token) == nil)
        #expect(try await fixture.service.user(token: second.token)?.email == "alice@example.com")
        #expect(try await fixture.service.user(token: second.token + "0") == nil)
        await #expect(throws: LabelingError.self) { try await fixture.service.issueToken(user: "bob", email: "alice@example.com") }
        await #expect(throws: LabelingError.self) { try await fixture.service.issueToken(user: "bob", email: "not an email") }
    }

    @Test func samplesAreSpreadOverTheLabelersWhoSeeOnlyTheirs() async throws {
        let team = try await Self.team()
        #expect(team.task.status == .running && team.task.hasReviewers)
        let alice = try await team.samples("alice")
        let bob = try await team.samples("bob")
        #expect(alice.map(\.sample.key) == ["img/a.jpg", "img/c.jpg"])
        #expect(bob.map(\.sample.key) == ["img/b.jpg", "img/d.jpg"])
        #expect(try await team.samples("rita").count == 4)
        await #expect(throws: LabelingError.notPermitted("mallory is not a member of team labeling task pets-task")) {
            try await team.samples("mallory")
        }
        await #expect(throws: LabelingError.sampleNotFound(bob[0].sample.id)) {
            try await team.fixture.service.teamSample(
                datasetId: team.dataset.id, jobId: team.task.job.id, sampleId: bob[0].sample.id, caller: team.callers["alice"]!
            )
        }
        let results = try await team.label("alice", alice + [bob[0]], "cat")
        #expect(results.map { $0.error?.code } == [nil, nil, .notPermitted])
        #expect(try await team.samples("bob")[0].sample.annotations.isEmpty)
        #expect(try await team.samples("alice").map(\.assignment.state) == [.unreviewed, .unreviewed])
        let labelers = try await team.fixture.service.labelers(datasetId: team.dataset.id)
        #expect(labelers.contains("alice") && !labelers.contains("bob"))
    }

    @Test func aReviewerRejectsOneSampleAndTheOwnerAcceptsTheRest() async throws {
        let team = try await Self.team()
        let service = team.fixture.service
        _ = try await team.label("alice", try await team.samples("alice"), "cat")
        _ = try await team.label("bob", try await team.samples("bob"), "dog")
        let all = try await team.samples("rita")
        let verdicts = all.enumerated().map { index, sample in SampleVerdict(sampleId: sample.sample.id, accept: index != 1, score: "A") }
        await #expect(throws: LabelingError.self) {
            try await service.review(datasetId: team.dataset.id, jobId: team.task.job.id, verdicts, caller: team.callers["alice"]!)
        }
        let errors = try await service.review(datasetId: team.dataset.id, jobId: team.task.job.id, verdicts, caller: team.callers["rita"]!)
        #expect(errors.allSatisfy { $0 == nil })
        #expect(try await team.samples("rita").map(\.assignment.state) == [.uncheck, .rejected, .uncheck, .uncheck])
        #expect(try await team.samples("rita", .reviewed).count == 3)

        let acceptance = try await service.startAcceptance(datasetId: team.dataset.id, jobId: team.task.job.id, samplingRate: nil, samplingNum: 2)
        #expect(acceptance.sampledCount == 2 && acceptance.totalCount == 4)
        let sampled = try await team.samples("rita", .sampled(checked: nil, accepted: nil))
        #expect(sampled.count == 2)
        let comments = [
            SampleVerdict(sampleId: sampled[0].sample.id, accept: true, score: "A"),
            SampleVerdict(sampleId: sampled[1].sample.id, accept: false, comment: "wrong", score: "C"),
        ]
        #expect(try await service.commentAcceptance(datasetId: team.dataset.id, jobId: team.task.job.id, comments).allSatisfy { $0 == nil })
        let report = try await service.acceptanceReport(datasetId: team.dataset.id, jobId: team.task.job.id, checkingTaskId: acceptance.id)
        #expect(report.checking.acceptedSampleCount == 1 && report.checking.rejectedSampleCount == 1)
        #expect(report.checking.uncheckedSampleCount == 0 && report.checking.passRate == 0.5)
        #expect(report.checking.score == "B" && report.checking.scorePoints == 6)

        let passed = try await service.finishAcceptance(
            datasetId: team.dataset.id, jobId: team.task.job.id, action: .passAccepted, caller: .owner(actingAs: "obslab")
        )
        #expect(passed.map(\.sample.id) == [sampled[0].sample.id])
        let inDataset = try #require(try await team.fixture.samples(team.dataset).first { $0.id == sampled[0].sample.id })
        #expect(inDataset.labelNames == sampled[0].sample.labelNames)
        #expect(inDataset.labeledBy == sampled[0].sample.labeledBy)
        let task = try #require(try await service.teamTask(datasetId: team.dataset.id, jobId: team.task.job.id))
        #expect(task.status == .running && task.checkingTaskId == nil)
        let statistics = try await service.teamStatistics(datasetId: team.dataset.id, jobId: team.task.job.id)
        #expect(statistics.counts.accepted == 1 && statistics.counts.rejected == 2 && statistics.counts.uncheck == 1)
        let total = try await service.acceptanceReport(datasetId: team.dataset.id, jobId: team.task.job.id, checkingTaskId: acceptance.id).total
        #expect(total.acceptedSampleCount == 1 && total.rejectedSampleCount == 1 && total.sampledSampleCount == 2)
    }
}
