import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

/// The samples of a team task ("Obtaining a Sample List of a Team Labeling Task by Page", "Obtaining Details About a Team
/// Labeling Sample", "Updating Labels of Team Labeling Samples in Batches", "Reviewing Team Labeling Results"): a
/// labeler's token sees and labels only the samples assigned to them.
extension LabelingEndpoints {
    func listTeamSamples(_ request: Request, dataset: Dataset, task: TeamTask) async throws -> Response {
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let (samples, total) = try await service.teamSamples(
            datasetId: dataset.id, jobId: task.job.id, caller: try RequestCaller.require(), state: try Self.teamStateFilter(request),
            conditions: try Self.sampleConditions(request), offset: offset, limit: limit
        )
        let shown = SampleContext(dataset)
        return try Self.json(
            ModelArtsAPI.TeamSampleList(sampleCount: total, samples: samples.map { ModelArtsAPI.TeamSample($0, in: shown, task: task) })
        )
    }

    func showTeamSample(dataset: Dataset, task: TeamTask, sampleId: String) async throws -> Response {
        let sample = try await service.teamSample(datasetId: dataset.id, jobId: task.job.id, sampleId: sampleId, caller: try RequestCaller.require())
        return try Self.json(ModelArtsAPI.TeamSample(sample, in: SampleContext(dataset), task: task))
    }

    /// Label updates: in a team task as the caller (or, for the owner's token, the member `email` names); elsewhere as
    /// the caller, where `email` has no meaning.
    func updateLabels(datasetId: String, taskId: String?, _ updates: [SampleLabelUpdate], email: String?) async throws -> [SampleUpdateResult] {
        let caller = try RequestCaller.require()
        guard let taskId, try await service.teamTask(datasetId: datasetId, jobId: taskId) != nil else {
            if email != nil { throw ModelArtsError.invalidParameter("email", "names a team member: give it only in a team labeling task") }
            return try await service.updateSampleLabels(datasetId: datasetId, jobId: taskId, updates, author: caller.author)
        }
        var actor = caller
        if let email, !caller.identities.contains(email) {
            guard caller.isOwner else {
                throw ModelArtsError.forbidden("The token of user \(caller.author) may not label as \(email): only the owner's token may")
            }
            actor = .owner(actingAs: email)
        }
        return try await service.updateTeamSampleLabels(datasetId: datasetId, jobId: taskId, updates, caller: actor)
    }

    /// A reviewer's verdicts (the owner, or a reviewer or team administrator of the task): 200 with an empty object,
    /// or the first verdict's error.
    @Sendable func reviewSamples(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let task = try await requireTeamTask(context)
        let verdicts = try await Self.verdicts(from: request)
        let errors = try await service.review(datasetId: task.job.datasetId, jobId: task.job.id, verdicts, caller: try RequestCaller.require())
        if let error = errors.compactMap({ $0 }).first { throw error }
        return try Self.json([String: String]())
    }

    /// `comments` of a review or an acceptance; each needs `sample_id`.
    static func verdicts(from request: Request) async throws -> [SampleVerdict] {
        let body = try await decode(ModelArtsAPI.SampleComments.self, from: request)
        guard let comments = body.comments, !comments.isEmpty else {
            throw ModelArtsError.invalidParameter("comments", "is missing: give the samples' verdicts")
        }
        return try comments.enumerated().map { index, comment in
            guard let sampleId = comment.sampleId, !sampleId.isEmpty else {
                throw ModelArtsError.invalidParameter("comments[\(index)].sample_id", "is missing")
            }
            return SampleVerdict(
                sampleId: sampleId, workerId: comment.workerId, accept: comment.accept, comment: comment.comment, score: comment.score)
        }
    }

    /// `sample_state` of a team task, in any case (the reference's own example writes `__unreviewed__`).
    static func teamStateFilter(_ request: Request) throws -> TeamSampleFilter {
        guard let raw = request.uri.queryParameters["sample_state"].map(String.init) else { return .all }
        typealias State = ModelArtsAPI.TeamSampleState
        switch raw.uppercased() {
        case ModelArtsAPI.SampleState.labeled: return .labeled
        case ModelArtsAPI.SampleState.unlabeled: return .state(.unlabeled)
        case State.unreviewed: return .state(.unreviewed)
        case State.rejected: return .state(.rejected)
        case State.uncheck: return .state(.uncheck)
        case State.accepted: return .state(.accepted)
        case State.reviewed: return .reviewed
        case State.sampled: return .sampled(checked: nil, accepted: nil)
        case State.sampledUncheck: return .sampled(checked: false, accepted: nil)
        case State.sampledChecked: return .sampled(checked: true, accepted: nil)
        case State.sampledAccepted: return .sampled(checked: nil, accepted: true)
        case State.sampledRejected: return .sampled(checked: nil, accepted: false)
        case State.autoAnnotation: throw ModelArtsError.invalidParameter("sample_state", "obslab has no auto labeling: no sample is \(raw)")
        default:
            throw ModelArtsError.invalidParameter(
                "sample_state",
                "is not a team sample state (\(ModelArtsAPI.SampleState.labeled), "
                    + "\(ModelArtsAPI.SampleState.unlabeled), \(State.unreviewed), \(State.reviewed), \(State.rejected), \(State.uncheck), "
                    + "\(State.accepted), \(State.sampled)…): \(raw)")
        }
    }
}

extension TeamSampleState {
    /// The ModelArts `sample_status`.
    var modelArtsName: String {
        switch self {
        case .unlabeled: ModelArtsAPI.SampleState.unlabeled
        case .unreviewed: ModelArtsAPI.TeamSampleState.unreviewed
        case .rejected: ModelArtsAPI.TeamSampleState.rejected
        case .uncheck: ModelArtsAPI.TeamSampleState.uncheck
        case .accepted: ModelArtsAPI.TeamSampleState.accepted
        }
    }
}

extension ModelArtsAPI.TeamSample {
    init(_ teamSample: Labeling.TeamSample, in context: SampleContext, task: TeamTask) {
        var sample = ModelArtsAPI.Sample(teamSample.sample, in: context)
        let assignment = teamSample.assignment
        sample.sampleStatus = assignment.state.modelArtsName
        let labelers = task.workers.filter { $0.id == assignment.workerId }.map {
            ModelArtsAPI.Worker(email: $0.email, workerId: $0.id, workforceId: $0.workforceId, role: $0.role.rawValue)
        }
        self.init(
            sample: sample, workerId: assignment.workerId, labelers: labelers, reviewAccept: assignment.reviewAccept,
            reviewComment: assignment.reviewComment, reviewScore: assignment.reviewScore, checkAccept: assignment.checkAccept,
            checkComment: assignment.checkComment, checkScore: assignment.checkScore
        )
    }
}
