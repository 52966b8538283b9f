import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab.DatasetCommand {
    /// `obslab dataset stats DATASET [--state labeled|unlabeled]`: "Obtaining Dataset Statistics".
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a dataset's statistics: samples by state, labels by use, hard examples by reason."
        )

        enum State: String, ExpressibleByArgument, CaseIterable {
            case labeled, unlabeled
        }

        @OptionGroup var api: LabelingOptions

        @Argument(help: "The dataset: name or id.") var dataset: String

        @Option(help: "Count only the labeled or only the unlabeled samples.") var state: State?

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let query = state.map { [("sample_state", $0 == .labeled ? ModelArtsAPI.SampleState.labeled : ModelArtsAPI.SampleState.unlabeled)] }
            let stats = try await client.call(
                .GET, ["datasets", dataset.datasetId, "data-annotations", "stats"], query: query ?? [],
                as: ModelArtsAPI.DatasetStatistics.self
            )
            let samples = stats.sampleStats
            print(
                "dataset \(dataset.datasetName): \(samples["all"] ?? 0) samples, labeled \(samples["manual_annotation"] ?? 0), "
                    + "unlabeled \(samples["un_annotation"] ?? 0), deleted since creation \(samples["deleted"] ?? 0)"
            )
            print("hard examples: \(stats.keySampleStats["key_sample"] ?? 0)")
            for (id, detail) in stats.hardDetailStats.sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) {
                print("  reason \(id): \(detail.key) (\(detail.value.reason))")
            }
            LabelingOutput.printTable(
                header: ["LABEL", "SAMPLES", "COUNT"],
                rows: stats.labelStats.map { [$0.name, "\($0.sampleCount)", "\($0.count)"] }
            )
        }
    }
}
