import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// The dataset's label set, each label with the number of samples carrying it (`sample_count`).
    @Sendable func listLabels(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        let offset = try Self.integer("offset", in: request, default: 0, range: 0...Int.max)
        let limit = try Self.integer("limit", in: request, default: 100_000, range: 1...100_000)
        let statistics = try await service.labels(datasetId: dataset.id)
        let page = statistics.dropFirst(offset).prefix(limit)
        return try Self.json(ModelArtsAPI.LabelList(labels: page.map(ModelArtsAPI.Label.init), totalNumber: statistics.count))
    }

    @Sendable func createLabels(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        let body = try await Self.decode(ModelArtsAPI.CreateLabels.self, from: request)
        guard let requested = body.labels, !requested.isEmpty else {
            throw ModelArtsError.invalidParameter("labels", "is missing: give at least one label")
        }
        let labels = try requested.enumerated().map { index, label in
            try label.domainLabel(defaultType: dataset.kind.labelType, field: "labels[\(index)]")
        }
        try await service.addLabels(datasetId: dataset.id, labels)
        return try Self.json(ModelArtsAPI.BatchResponse(success: true))
    }
}
