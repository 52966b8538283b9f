import Hummingbird
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// The samples of a dataset, or of one of its labeling jobs when the path names a workforce task, that pass the
    /// `sample_state` tab and the `search_conditions` filters; `sample_count` counts all of them.
    @Sendable func listSamples(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        if let task = try await teamTask(of: dataset, context: context) {
            return try await listTeamSamples(request, dataset: dataset, task: task)
        }
        let filter = SampleFilter(state: try Self.stateFilter(request), conditions: try Self.sampleConditions(request))
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 10, range: 1...100)
        let (samples, total) = try await service.listSamples(
            datasetId: dataset.id,
            jobId: context.parameters.get("task_id"),
            filter: filter,
            offset: offset,
            limit: limit
        )
        let shown = SampleContext(dataset)
        return try Self.json(ModelArtsAPI.SampleList(sampleCount: total, samples: samples.map { ModelArtsAPI.Sample($0, in: shown) }))
    }

    @Sendable func showSample(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        if let task = try await teamTask(of: dataset, context: context) {
            return try await showTeamSample(dataset: dataset, task: task, sampleId: try context.parameters.require("sample_id"))
        }
        let sample = try await service.sample(
            datasetId: dataset.id,
            jobId: context.parameters.get("task_id"),
            sampleId: try context.parameters.require("sample_id")
        )
        return try Self.json(ModelArtsAPI.Sample(sample, in: SampleContext(dataset)))
    }

    /// `sample_state`: `__ALL__` labeled, `__NONE__` unlabeled, absent every sample. The review states are a team
    /// task's (`teamStateFilter`).
    static func stateFilter(_ request: Request) throws -> SampleStateFilter {
        switch request.uri.queryParameters["sample_state"].map(String.init) {
        case nil: return .all
        case ModelArtsAPI.SampleState.labeled: return .labeled
        case ModelArtsAPI.SampleState.unlabeled: return .unlabeled
        case let other?:
            throw ModelArtsError.invalidParameter(
                "sample_state",
                "must be \(ModelArtsAPI.SampleState.labeled) (labeled) or \(ModelArtsAPI.SampleState.unlabeled) (unlabeled), not \(other)"
            )
        }
    }
}
