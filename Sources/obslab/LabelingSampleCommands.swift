import ArgumentParser
import Foundation
import LabelFormats
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab samples list|show`: a dataset's samples, their labels, and why the unlabeled ones have none.
    struct SamplesCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "samples",
            abstract: "List, inspect, label and delete the samples of a dataset or labeling job.",
            subcommands: [List.self, Show.self, Add.self, Delete.self, Label.self]
        )

        enum State: String, ExpressibleByArgument, CaseIterable {
            case all
            case labeled
            case unlabeled

            /// The ModelArts `sample_state`; nil for every sample.
            var sampleState: String? {
                switch self {
                case .all: nil
                case .labeled: ModelArtsAPI.SampleState.labeled
                case .unlabeled: ModelArtsAPI.SampleState.unlabeled
                }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List samples as a table: id, key, state, and labels or why there are none.")

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Option(help: "Which samples: all, labeled or unlabeled.")
            var state: State = .all

            @OptionGroup var filters: SampleFilterOptions

            @Option(help: "A labeling job (name or id) instead of the dataset's own samples.")
            var job: String?

            @Option(help: "Show at most this many samples (default: all).")
            var limit: Int?

            @Flag(help: "Print the API's JSON (sample_count and samples) instead of a table.")
            var json = false

            func validate() throws {
                if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, not \(limit).") }
            }

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                var path = ["datasets", dataset.datasetId]
                if let job { path += ["workforce-tasks", try await client.job(job, datasetId: dataset.datasetId).taskId] }
                path += ["data-annotations", "samples"]
                var samples: [ModelArtsAPI.Sample] = []
                var total = 0
                repeat {
                    let pageSize = min(100, (limit ?? Int.max) - samples.count)
                    var query = [("offset", "\(samples.count)"), ("limit", "\(pageSize)")]
                    if let sampleState = state.sampleState { query.append(("sample_state", sampleState)) }
                    query += try filters.query
                    let page = try await client.call(.GET, path, query: query, as: ModelArtsAPI.SampleList.self)
                    samples += page.samples
                    total = page.sampleCount
                    if page.samples.isEmpty { break }
                } while samples.count < min(total, limit ?? Int.max)

                if json {
                    let encoder = ModelArtsAPI.makeEncoder()
                    encoder.outputFormatting.insert(.prettyPrinted)
                    let document = ModelArtsAPI.SampleList(sampleCount: total, samples: samples)
                    print(String(decoding: try encoder.encode(document), as: UTF8.self))
                    return
                }
                let rows = samples.map { sample in
                    let detail =
                        sample.labels.isEmpty
                        ? sample.unlabeledReason.map(LabelingOutput.reasonSummary) ?? "-"
                        : sample.labels.map(LabelingOutput.labelSummary).joined(separator: ",")
                    return [sample.sampleId, LabelingOutput.key(of: sample), LabelingOutput.state(sample.sampleStatus), detail]
                }
                LabelingOutput.printTable(header: ["ID", "KEY", "STATE", "LABELS / WHY UNLABELED"], rows: rows)
                print("\(samples.count) of \(total) \(state == .all ? "" : state.rawValue + " ")samples")
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show a sample: its labels and shapes, where they came from, or why it has none."
            )

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Argument(help: "The sample id.") var sample: String

            @Option(help: "A labeling job (name or id) to read the sample from.")
            var job: String?

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                var path = ["datasets", dataset.datasetId]
                if let job { path += ["workforce-tasks", try await client.job(job, datasetId: dataset.datasetId).taskId] }
                let sample = try await client.call(.GET, path + ["data-annotations", "samples", sample], as: ModelArtsAPI.Sample.self)
                Self.printDetails(sample)
            }

            static func printDetails(_ sample: ModelArtsAPI.Sample) {
                print("sample: \(sample.sampleId)")
                print("source: \(sample.source)")
                if let line = sample.line { print("line: \(line)") }
                if let text = sample.sampleData?.first { print("text: \(text)") }
                print("size: \(sample.sampleSize) bytes")
                if sample.metadata["@modelarts:import_origin"] == .number(1) { print("origin: inference") }
                for (name, value) in sample.metadata.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("@modelarts:") {
                    print("attribute \(name): \(value.propertyString)")
                }
                print("state: \(LabelingOutput.state(sample.sampleStatus)) (\(sample.sampleStatus))")
                if sample.labels.isEmpty {
                    print("labels: none")
                } else {
                    print("labels:")
                    for label in sample.labels {
                        var line = "  \(label.name ?? "?")"
                        if let color = LabelingOutput.color(of: label) { line += "  color \(color)" }
                        if let shape = label.property?[ModelArtsAPI.PropertyKey.shape]?.stringValue { line += "  \(shape)" }
                        if let feature = label.property?[ModelArtsAPI.PropertyKey.feature] { line += " \(LabelingOutput.feature(feature))" }
                        print(line)
                    }
                }
                if let source = sample.labelSource {
                    switch source.type {
                    case "sidecar": print("labels from: label file \(source.key ?? "?") (ETag \(source.etag ?? "?"))")
                    case "folder": print("labels from: folder name \(source.name ?? "?")")
                    default: print("labels from: \(source.type) \(source.key ?? "")")
                    }
                }
                if let reason = sample.unlabeledReason {
                    print("why unlabeled: \(reason.code)")
                    print("  \(reason.message)")
                    let details = [
                        ("label file", reason.sidecar), ("storage error", reason.storageErrorCode), ("KMS key", reason.kmsKeyId),
                        ("refused principal", reason.principal), ("position", reason.position),
                    ]
                    for case (let name, let value?) in details { print("  \(name): \(value)") }
                }
            }
        }
    }
}
