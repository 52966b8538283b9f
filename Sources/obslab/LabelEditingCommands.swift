import ArgumentParser
import Foundation
import LabelFormats
import NIOHTTP1
import ObslabAPI

/// Who makes label changes: sent as `X-Obslab-User`, recorded as "labeled by".
struct LabelAuthorOptions: ParsableArguments {
    @Option(help: "Who makes the change, recorded as \"labeled by\" (default: $OBSLAB_USER, else the server says obslab).")
    var user: String?

    var headers: [(String, String)] {
        (user ?? ProcessInfo.processInfo.environment["OBSLAB_USER"]).map { [(ModelArtsAPI.userHeader, $0)] } ?? []
    }
}

extension Obslab.SamplesCommand {
    /// `obslab samples label DATASET SAMPLE_ID... --label NAME[:#color]... | --box … | --clear [--job JOB]`.
    struct Label: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the labels of samples (replacing the ones they have), or clear them.",
            discussion: """
                Labels set here stay through syncs while the sample's label file is unchanged; a changed label file is \
                newer and replaces them. Label names the dataset does not have yet join its label set. Object detection \
                labels need a box: --box NAME:XMIN,YMIN,XMAX,YMAX (or NAME:#RRGGBB:XMIN,YMIN,XMAX,YMAX). With --job, the \
                labeling job's own labels change (those of the dataset's default job are the dataset's).
                """
        )

        @OptionGroup var api: LabelingOptions
        @OptionGroup var author: LabelAuthorOptions

        @Argument(help: "The dataset: name or id.") var dataset: String

        @Argument(help: "The ids of the samples to label (`obslab samples list DATASET` shows them).") var samples: [String]

        @Option(name: .customLong("label"), help: "A label: NAME or NAME:#RRGGBB (repeatable).")
        var labels: [String] = []

        @Option(name: .customLong("box"), help: "An object detection label: NAME[:#RRGGBB]:XMIN,YMIN,XMAX,YMAX (repeatable).")
        var boxes: [String] = []

        @Flag(help: "Remove every label: the samples become unlabeled.") var clear = false

        @Option(help: "A labeling job (name or id) whose own labels change instead of the dataset's.") var job: String?

        func validate() throws {
            if samples.isEmpty { throw ValidationError("name at least one sample id.") }
            if samples.count > ModelArtsAPI.DeleteSamples.maxSamples {
                throw ValidationError("at most \(ModelArtsAPI.DeleteSamples.maxSamples) samples at a time, not \(samples.count).")
            }
            let labeling = !labels.isEmpty || !boxes.isEmpty
            if clear == labeling { throw ValidationError("give --label or --box to set labels, or --clear to remove them (not both).") }
            for box in boxes where Self.box(box, type: 1) == nil {
                throw ValidationError("--box \(box) is not NAME[:#RRGGBB]:XMIN,YMIN,XMAX,YMAX.")
            }
        }

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let type = dataset.datasetType
            if type == DatasetTypeArgument.objectDetection.code && !labels.isEmpty {
                throw CLIError("object detection labels need a box: use --box NAME:XMIN,YMIN,XMAX,YMAX instead of --label")
            }
            if type != DatasetTypeArgument.objectDetection.code && !boxes.isEmpty {
                throw CLIError("--box is for object detection datasets; \(dataset.datasetName) is \(DatasetTypeArgument.name(code: type))")
            }
            var path = ["datasets", dataset.datasetId]
            var target = "dataset \(dataset.datasetName)"
            if let job {
                let task = try await client.job(job, datasetId: dataset.datasetId)
                path += ["workforce-tasks", task.taskId]
                target = "labeling job \(task.taskName) of dataset \(dataset.datasetName)"
            }
            let given = labels.map { Obslab.DatasetCommand.Create.label($0, type: type) } + boxes.compactMap { Self.box($0, type: type) }
            let request = ModelArtsAPI.UpdateSamples(samples: samples.map { ModelArtsAPI.SampleLabels(sampleId: $0, labels: given) })
            let answer = try await client.call(
                .PUT,
                path + ["data-annotations", "samples"],
                body: request,
                headers: author.headers,
                as: ModelArtsAPI.UpdateSamplesResponse.self
            )
            let updated = answer.results.filter(\.success).count
            if clear {
                print("cleared the labels of \(updated) of \(LabelingOutput.counted(samples.count, "sample")) of \(target)")
            } else {
                let names = given.map(LabelingOutput.labelSummary).joined(separator: ",")
                print("labeled \(updated) of \(LabelingOutput.counted(samples.count, "sample")) of \(target): \(names)")
            }
            for (sample, result) in zip(samples, answer.results) where !result.success {
                print("  \(sample)  NOT labeled, \(result.errorCode ?? "?"): \(result.errorMessage ?? "")")
            }
            if !answer.success { throw ExitCode.failure }
        }

        /// `cat:10,20,50,60` or `cat:#ff0000:10,20,50,60`: a label with its box.
        static func box(_ argument: String, type: Int) -> ModelArtsAPI.Label? {
            guard let colon = argument.lastIndex(of: ":") else { return nil }
            let numbers = argument[argument.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false).compactMap { Double($0) }
            guard numbers.count == 4, colon > argument.startIndex else { return nil }
            var label = Obslab.DatasetCommand.Create.label(String(argument[..<colon]), type: type)
            label.property = (label.property ?? [:]).merging([
                ModelArtsAPI.PropertyKey.shape: .string("bndbox"),
                ModelArtsAPI.PropertyKey.feature: JSONValue(numberRows: [[numbers[0], numbers[1]], [numbers[2], numbers[3]]]),
            ]) { $1 }
            return label
        }
    }
}

extension Obslab.LabelsCommand {
    /// `obslab labels rename DATASET OLD NEW`.
    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a label on every sample that carries it (the dataset's and its labeling jobs' own labels).",
            discussion: "Renaming onto a name the dataset already has is refused. Published versions keep the old name."
        )

        @OptionGroup var api: LabelingOptions
        @OptionGroup var author: LabelAuthorOptions

        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The label's name.") var name: String
        @Argument(help: "Its new name.") var newName: String

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let count = try await client.labelSampleCounts(datasetId: dataset.datasetId)[name]
            let body: [String: JSONValue] = [ModelArtsAPI.PropertyKey.renameTo: .string(newName)]
            try await client.send(.PUT, Self.path(dataset, name), body: body, headers: author.headers)
            let carried = count.map { ": \(LabelingOutput.counted($0, "sample")) carry it" } ?? ""
            print("renamed label \(name) to \(newName) in dataset \(dataset.datasetName)\(carried)")
        }

        static func path(_ dataset: ModelArtsAPI.Dataset, _ name: String) -> [String] {
            ["datasets", dataset.datasetId, "data-annotations", "labels", name]
        }
    }

    /// `obslab labels recolor DATASET NAME '#RRGGBB'`.
    struct Recolor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the color of a label.")

        @OptionGroup var api: LabelingOptions
        @OptionGroup var author: LabelAuthorOptions

        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The label's name.") var name: String
        @Argument(help: "The color, #RRGGBB (quote it in a shell).") var color: String

        func validate() throws {
            if !LabelFormats.Label.isValidColor(color) { throw ValidationError("the color must be #RRGGBB, such as '#ff6600', not \(color).") }
        }

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let body: [String: JSONValue] = [ModelArtsAPI.PropertyKey.color: .string(color)]
            try await client.send(.PUT, Rename.path(dataset, name), body: body, headers: author.headers)
            print("label \(name) of dataset \(dataset.datasetName) is now \(color)")
        }
    }

    /// `obslab labels delete DATASET NAME... [--policy 0|1|2] [--dry-run] [--force]`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete labels from a dataset and from every sample, optionally with the samples left without a label.",
            discussion: """
                --policy 0 (the default) removes the labels only: their samples stay, perhaps unlabeled. --policy 1 also \
                deletes the samples that carry only these labels (their files stay, and they do not come back at the next \
                sync unless their file changes). --policy 2 deletes those samples with their source files, which breaks \
                other datasets and versions that use the files: the impact is shown first (as `obslab samples delete \
                --delete-source` shows it, from the server's dry run of the same deletion), and obslab refuses unless --force.
                """
        )

        @OptionGroup var api: LabelingOptions
        @OptionGroup var author: LabelAuthorOptions

        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The labels to delete.") var names: [String]

        @Option(help: "0: the labels only; 1: also samples left with no label; 2: as 1, with their source files.")
        var policy = 0

        @Flag(help: "Show what would be deleted and stop.") var dryRun = false

        @Flag(help: "With --policy 2, delete the source files even when other datasets or versions use them.") var force = false

        func validate() throws {
            if names.isEmpty { throw ValidationError("name at least one label.") }
            if !(0...2).contains(policy) { throw ValidationError("--policy must be 0, 1 or 2, not \(policy).") }
        }

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let path = ["datasets", dataset.datasetId, "data-annotations", "labels", "delete"]
            let body = ModelArtsAPI.LabelBatch(labels: names.map { ModelArtsAPI.Label(name: $0, type: nil) })
            let query = [("delete_policy", "\(policy)")]
            let plan = try await client.call(.POST, path, query: query + [("dry_run", "true")], body: body, as: ModelArtsAPI.LabelDeletion.self)
            let counts = try await client.labelSampleCounts(datasetId: dataset.datasetId)
            for name in names {
                print("label \(name): on \(LabelingOutput.counted(counts[name] ?? 0, "sample")) of dataset \(dataset.datasetName)")
            }
            printPlan(plan)
            let refused = plan.impact.map { $0.deleteSource && $0.breaksOthers } == true && !force
            if dryRun {
                if refused, let impact = plan.impact {
                    print("without --force this deletion is refused: it breaks \(LabelingOutput.brokenSummary(impact))")
                }
                print("dry run: nothing deleted")
                return
            }
            if let impact = plan.impact, refused {
                throw CLIError(
                    "deleting these source files breaks \(LabelingOutput.brokenSummary(impact)); nothing deleted. "
                        + "Add --force to delete them anyway, or use --policy 1 to delete the samples only."
                )
            }
            let report = try await client.call(.POST, path, query: query, body: body, headers: author.headers, as: ModelArtsAPI.LabelDeletion.self)
            for (name, result) in zip(names, report.results) {
                let failure = "label \(name) NOT deleted, \(result.errorCode ?? "?"): \(result.errorMessage ?? "")"
                print(result.success ? "deleted label \(name)" : failure)
            }
            if policy > 0 { print("deleted \(LabelingOutput.counted(report.sampleIds.count, "sample")) left without a label") }
            if let impact = report.impact, impact.deleteSource {
                print("source files:")
                let s3Endpoint = try api.s3URL()
                for file in impact.sourceFiles { print(LabelingOutput.outcomeLine(file, s3Endpoint: s3Endpoint)) }
            }
            for other in report.impact?.otherDatasets ?? [] {
                print(
                    "dataset \(other.datasetName) keeps its \(LabelingOutput.counted(other.sampleCount, "sample")) on deleted files until it syncs; "
                        + "obslab dataset check-sources \(other.datasetName) shows them"
                )
            }
            if !report.success { throw ExitCode.failure }
        }

        /// What the deletion does beyond the labels: nothing (policy 0), the samples (1), or the samples and their files (2).
        private func printPlan(_ plan: ModelArtsAPI.LabelDeletion) {
            guard policy > 0 else {
                print("the labels go from the label set and from their samples; the samples stay (--policy 1 deletes those left without a label)")
                return
            }
            guard let impact = plan.impact, !plan.sampleIds.isEmpty else {
                print("no sample carries only these labels: no sample is deleted")
                return
            }
            if policy == 1 {
                print(
                    "deleting \(LabelingOutput.counted(plan.sampleIds.count, "sample")) that carry only these labels; "
                        + "their source files stay (--policy 2 deletes them too)"
                )
            } else {
                for line in LabelingOutput.impactReport(impact, sampleCount: plan.sampleIds.count, sourceRequested: true) { print(line) }
            }
        }
    }
}

extension LabelingClient {
    /// The number of samples carrying each label of the dataset, by name.
    func labelSampleCounts(datasetId: String) async throws -> [String: Int] {
        let list = try await call(.GET, ["datasets", datasetId, "data-annotations", "labels"], as: ModelArtsAPI.LabelList.self)
        return Dictionary(list.labels.compactMap { label in label.name.map { ($0, label.sampleCount ?? 0) } }, uniquingKeysWith: +)
    }
}
