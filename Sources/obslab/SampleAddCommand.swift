import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab.SamplesCommand {
    /// `obslab samples add DATASET FILE... [--label NAME]...`: "Add data".
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add files to a dataset: written under its input path, they are samples at once.",
            discussion: """
                Each file keeps its name. With --label, every file gets those labels (recorded as labeled by --user); \
                without, a file is labeled as a sync would label it. A name already taken fails alone. Each request is \
                recorded in `obslab import list DATASET`. Exits 1 when a file was not added.
                """
        )

        @OptionGroup var api: LabelingOptions
        @OptionGroup var author: LabelAuthorOptions

        @Argument(help: "The dataset: name or id.") var dataset: String

        @Argument(help: "The files to add.") var files: [String]

        @Option(name: .customLong("label"), help: "A label every file gets (repeatable).")
        var labels: [String] = []

        @Option(help: "A labeling job (name or id) to add the files through.")
        var job: String?

        /// Files go in requests of at most this many base64 bytes.
        static let requestBytes = 16 << 20

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give the files to add.") }
        }

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            var path = ["datasets", dataset.datasetId]
            if let job { path += ["workforce-tasks", try await client.job(job, datasetId: dataset.datasetId).taskId] }
            path += ["data-annotations", "samples"]
            let sampleLabels = labels.map { ModelArtsAPI.Label(name: $0, type: dataset.datasetType) }

            var batch: [(file: String, upload: ModelArtsAPI.UploadSample)] = []
            var batchBytes = 0
            var rows: [[String]] = []
            var failed = 0
            var tasks: [String] = []
            func send() async throws {
                guard !batch.isEmpty else { return }
                let answer = try await client.call(
                    .POST,
                    path,
                    body: ModelArtsAPI.AddSamples(samples: batch.map(\.upload)),
                    headers: author.headers,
                    as: ModelArtsAPI.AddSamplesResponse.self
                )
                for (entry, result) in zip(batch, answer.results) {
                    let outcome =
                        result.success
                        ? (result.sampleIds ?? []).joined(separator: ",") : "\(result.errorCode ?? "failed"): \(result.errorMessage ?? "")"
                    if !result.success { failed += 1 }
                    rows.append([entry.file, LabelingOutput.obsURL(result.name), result.success ? "added" : "failed", outcome])
                }
                tasks.append(answer.taskId)
                batch = []
                batchBytes = 0
            }
            for file in files {
                let url = URL(fileURLWithPath: file)
                let data: Data
                do {
                    data = try Data(contentsOf: url)
                } catch {
                    throw CLIError("cannot read \(file): \(error.localizedDescription)")
                }
                let encoded = data.base64EncodedString()
                if batch.count == 100 || (batchBytes + encoded.utf8.count > Self.requestBytes && !batch.isEmpty) { try await send() }
                batch.append((file, ModelArtsAPI.UploadSample(name: url.lastPathComponent, data: encoded, labels: sampleLabels)))
                batchBytes += encoded.utf8.count
            }
            try await send()
            LabelingOutput.printTable(header: ["FILE", "SOURCE", "RESULT", "SAMPLES / WHY NOT"], rows: rows)
            print("\(files.count - failed) of \(files.count) files added (import \(tasks.joined(separator: ", ")))")
            if failed > 0 { throw ExitCode.failure }
        }
    }
}

/// The filter criteria of `obslab samples list`, sent as ModelArts `search_conditions`.
struct SampleFilterOptions: ParsableArguments {
    @Option(name: .customLong("label"), help: "Only samples with this label (repeatable: any of them; with --all-labels, all).")
    var labels: [String] = []

    @Flag(help: "With --label: only samples carrying every label given.")
    var allLabels = false

    @Flag(help: "Only samples without any label.")
    var noLabel = false

    @Option(help: "Only samples whose object key contains this text (file name or path; ASCII case ignored).")
    var path: String?

    @Option(help: "Only samples whose labels were last changed by this user (`sync`: read from label files).")
    var labeledBy: String?

    @Option(help: "Only hard examples (hard) or the others (non-hard).")
    var example: ExampleType?

    enum ExampleType: String, ExpressibleByArgument, CaseIterable {
        case hard
        case nonHard = "non-hard"
    }

    @Option(help: "Only samples whose attribute has this value, NAME=VALUE (written by `obslab group`; repeatable: all of them).")
    var attribute: [String] = []

    @Option(help: "Only samples from inference (inference) or the others (obs): the data attribute.")
    var origin: Origin?

    enum Origin: String, ExpressibleByArgument, CaseIterable {
        case inference
        case obs
    }

    @Option(help: "Only samples created within a day (day), 30 days (month), or a range of days yyyyMMdd-yyyyMMdd (UTC).")
    var created: String?

    func validate() throws {
        if let bad = attribute.first(where: { !$0.contains("=") }) {
            throw ValidationError("--attribute takes NAME=VALUE, not \(bad).")
        }
        if allLabels && labels.isEmpty { throw ValidationError("--all-labels needs the labels: give --label NAME (repeatable).") }
        if noLabel && !labels.isEmpty { throw ValidationError("--no-label cannot be given with --label.") }
    }

    var conditions: [ModelArtsAPI.SearchCondition] {
        var conditions: [ModelArtsAPI.SearchCondition] = []
        if !labels.isEmpty || noLabel {
            let names = labels.map { ModelArtsAPI.SearchLabel(name: $0) }
            conditions.append(.init(labelList: ModelArtsAPI.SearchLabels(labels: names, op: noLabel ? "NONE" : allLabels ? "AND" : "OR")))
        }
        if let path { conditions.append(.init(sampleName: path)) }
        if let labeledBy { conditions.append(.init(labeler: labeledBy)) }
        if let example { conditions.append(.init(hard: example == .hard ? "1" : "0")) }
        for pair in attribute {
            let (name, value) = (String(pair.prefix { $0 != "=" }), String(pair.drop { $0 != "=" }.dropFirst()))
            conditions.append(.init(metadata: ModelArtsAPI.SearchProp(op: "AND", props: [name: [value]])))
        }
        if let origin { conditions.append(.init(importOrigin: origin.rawValue)) }
        if let created { conditions.append(.init(sampleTime: created)) }
        return conditions
    }

    /// `search_conditions`, when there is a criterion.
    var query: [(String, String)] {
        get throws {
            let conditions = conditions
            guard !conditions.isEmpty else { return [] }
            return [("search_conditions", String(decoding: try ModelArtsAPI.makeEncoder().encode(conditions), as: UTF8.self))]
        }
    }
}
