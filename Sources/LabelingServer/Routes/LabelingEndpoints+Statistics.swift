import Hummingbird
import LabelFormats
import Labeling
import ObslabAPI

extension LabelingEndpoints {
    /// "Obtaining Dataset Statistics": `sample_state` narrows them to the labeled (`__ALL__`) or unlabeled (`__NONE__`)
    /// samples; `locale` may only be English, the language of obslab's texts; `email` (a team member's) is refused, as
    /// obslab keeps no statistics per member here.
    @Sendable func datasetStatistics(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let dataset = try await service.dataset(id: try context.parameters.require("dataset_id"))
        try Self.requireEnglishLocale(request)
        let statistics = try await service.statistics(datasetId: dataset.id, state: try Self.stateFilter(request))
        return try Self.json(ModelArtsAPI.DatasetStatistics(statistics, dataset: dataset))
    }
}

extension ModelArtsAPI.DatasetStatistics {
    init(_ statistics: Labeling.DatasetStatistics, dataset: Dataset) {
        let labels = statistics.labels.map { usage in
            ModelArtsAPI.LabelStats(
                name: usage.label.name,
                type: usage.label.type,
                property: ModelArtsAPI.Label(usage.label).property ?? [:],
                count: usage.count,
                sampleCount: usage.sampleCount
            )
        }
        let counts = statistics.counts
        self.init(
            dataPath: OBSPath.modelArtsPath(dataset.inputPath),
            dataSplitingEnable: counts.labeled >= 2,
            groupedLabelStats: Dictionary(grouping: labels) { String($0.type) },
            hardDetailStats: Dictionary(
                uniqueKeysWithValues: statistics.hardReasonCounts.map { id, count in
                    let reason = ModelArtsAPI.HardDetail.reasons[id] ?? "Hard example reason \(id)"
                    return (String(id), ModelArtsAPI.HardDetailCount(key: count, value: ModelArtsAPI.HardDetail(id: id, reason: reason)))
                }
            ),
            keySampleStats: [
                "total": counts.all, "key_sample": statistics.hardSampleCount, "non_key_sample": counts.all - statistics.hardSampleCount,
            ],
            labelStats: labels,
            metadataStats: [:],
            sampleStats: [
                "all": counts.all, "total": counts.all, "lefted": counts.all, "un_annotation": counts.unlabeled,
                "manual_annotation": counts.labeled, "auto_annotation": 0, "deleted": statistics.deletedSampleCount,
            ]
        )
    }
}
