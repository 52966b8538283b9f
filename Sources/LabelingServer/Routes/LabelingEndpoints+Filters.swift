import Foundation
import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// The filter conditions of a sample list: `search_conditions` (URL-encoded JSON, every condition met) and
    /// ModelArts's `label_name`.
    static func sampleConditions(_ request: Request) throws -> [SampleFilter.Condition] {
        var conditions: [SampleFilter.Condition] = []
        if let name = try rawQueryValue("label_name", in: request), !name.isEmpty {
            conditions.append(.labels(.anyOf([name])))
        }
        if let text = try rawQueryValue("search_conditions", in: request) {
            conditions += try ModelArtsAPI.sampleConditions(searchConditions: text)
        }
        return conditions
    }

    /// A query parameter decoded as a form does it (`+` is a space), which is how clients such as Python's `requests`
    /// encode the JSON of `search_conditions`; Hummingbird's own decoding keeps the `+`.
    static func rawQueryValue(_ name: String, in request: Request) throws -> String? {
        guard let query = request.uri.query else { return nil }
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0] == name else { continue }
            let raw = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
            guard let value = raw.removingPercentEncoding else {
                throw ModelArtsError.invalidParameter(name, "is not percent-encoded")
            }
            return value
        }
        return nil
    }

    /// What the sample filters can choose from: the dataset's labels and the authors of its samples' labels.
    @Sendable func searchCondition(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let datasetId = try context.parameters.require("dataset_id")
        let labels = try await service.labels(datasetId: datasetId)
        let labelers = try await service.labelers(datasetId: datasetId)
        let attributes = try await service.sampleAttributes(datasetId: datasetId)
        return try Self.json(
            ModelArtsAPI.SearchConditionValues(labels: labels.map { ModelArtsAPI.Label($0.label) }, labelers: labelers, metadata: attributes)
        )
    }
}
