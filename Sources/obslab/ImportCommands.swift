import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab import DATASET obs://bucket/path[/file.manifest]`, `obslab import list|show`: imports from OBS and the
    /// history of imports and adds.
    struct ImportCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a folder or a manifest into a dataset, and show the history of imports and adds.",
            discussion: """
                obslab import DATASET obs://bucket/folder/
                obslab import DATASET obs://bucket/path/file.manifest
                obslab import list DATASET
                obslab import show DATASET TASK_ID
                """,
            subcommands: [Start.self, List.self, Show.self],
            defaultSubcommand: Start.self
        )

        enum ImportType: String, ExpressibleByArgument, CaseIterable {
            case dir
            case manifest
        }

        struct Start: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "start",
                abstract: "Import a folder inside the dataset's input path, or a manifest (the default command).",
                discussion: """
                    obslab copies no data: a folder must be inside the dataset's input path, and its import is a sync. A \
                    manifest's entries whose file is under the input path become samples with the manifest's labels; the \
                    others are listed as skipped, with the reason. Exits 1 when the import failed.
                    """
            )

            @OptionGroup var api: LabelingOptions
            @OptionGroup var author: LabelAuthorOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Argument(help: "obs://bucket/folder/ or obs://bucket/path/file.manifest.") var path: String

            @Option(help: "dir or manifest (default: manifest for a path ending with .manifest, else dir).")
            var type: ImportType?

            @Flag(help: "Leave the manifest's labels out: its samples are labeled as a sync would label them.")
            var withoutLabels = false

            @Option(name: .customLong("include-label"), help: "Import only the manifest samples with this label (repeatable).")
            var includedLabels: [String] = []

            @Option(name: .customLong("exclude-label"), help: "Leave out the manifest samples with this label (repeatable).")
            var excludedLabels: [String] = []

            @Flag(help: "Import only the manifest entries marked hard.")
            var difficultOnly = false

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let body = ModelArtsAPI.CreateImportTask(
                    importPath: path,
                    importType: type?.rawValue,
                    importAnnotations: !withoutLabels,
                    includedLabels: includedLabels.map(ModelArtsAPI.LabelName.init),
                    excludedLabels: excludedLabels.map(ModelArtsAPI.LabelName.init),
                    difficultOnly: difficultOnly
                )
                let created = try await client.call(
                    .POST,
                    ["datasets", dataset.datasetId, "import-tasks"],
                    body: body,
                    headers: author.headers,
                    as: ModelArtsAPI.CreatedTask.self
                )
                let task = try await client.importTask(datasetId: dataset.datasetId, taskId: created.taskId)
                ImportOutput.printDetails(task)
                if task.status == ModelArtsAPI.ImportTaskStatus.failed { throw ExitCode.failure }
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a dataset's imports and adds, newest first.")

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Option(help: "Show at most this many (default: all).")
            var limit: Int?

            func validate() throws {
                if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, not \(limit).") }
            }

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                var tasks: [ModelArtsAPI.ImportTaskStatus] = []
                var total = 0
                repeat {
                    let pageSize = min(100, (limit ?? Int.max) - tasks.count)
                    let page = try await client.call(
                        .GET,
                        ["datasets", dataset.datasetId, "import-tasks"],
                        query: [("offset", "\(tasks.count)"), ("limit", "\(pageSize)")],
                        as: ModelArtsAPI.ImportTaskList.self
                    )
                    tasks += page.importTasks
                    total = page.totalCount
                    if page.importTasks.isEmpty { break }
                } while tasks.count < min(total, limit ?? Int.max)
                guard !tasks.isEmpty else {
                    print("dataset \(dataset.datasetName) has no imports (obslab import \(dataset.datasetName) obs://bucket/path)")
                    return
                }
                let rows = tasks.map { task in
                    [
                        task.taskId, task.importKind, ImportOutput.status(task.status), "\(task.importedSampleCount)",
                        "\(task.annotatedSampleCount)", "\(task.skippedSampleCount)", task.importPath,
                        LabelingOutput.date(milliseconds: task.createTime),
                    ]
                }
                LabelingOutput.printTable(header: ["ID", "KIND", "STATUS", "IMPORTED", "LABELED", "SKIPPED", "PATH", "CREATED"], rows: rows)
                print("\(tasks.count) of \(total) imports")
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show an import or add: counts, and what was skipped and why.")

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Argument(help: "The import task id (`obslab import list DATASET` shows them).") var task: String

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let task = try await client.importTask(datasetId: dataset.datasetId, taskId: task)
                ImportOutput.printDetails(task)
                if task.status == ModelArtsAPI.ImportTaskStatus.failed { throw ExitCode.failure }
            }
        }
    }
}

extension LabelingClient {
    func importTask(datasetId: String, taskId: String) async throws -> ModelArtsAPI.ImportTaskStatus {
        try await call(.GET, ["datasets", datasetId, "import-tasks", taskId], as: ModelArtsAPI.ImportTaskStatus.self)
    }
}

/// How imports print.
enum ImportOutput {
    /// `completed`, `failed`, `running`.
    static func status(_ status: String) -> String {
        status.lowercased()
    }

    static func printDetails(_ task: ModelArtsAPI.ImportTaskStatus) {
        print("import: \(task.taskId)")
        print("kind: \(task.importKind)")
        print("path: \(task.importPath)")
        print("status: \(status(task.status))")
        if let author = task.author { print("by: \(author)") }
        print("created: \(LabelingOutput.date(milliseconds: task.createTime))")
        print("samples: \(task.importedSampleCount) imported of \(task.totalSampleCount), \(task.annotatedSampleCount) labeled")
        if let code = task.errorCode { print("error: \(code): \(task.errorMessage ?? "")") }
        guard task.skippedSampleCount > 0 else { return }
        print("skipped: \(task.skippedSampleCount)")
        for skipped in task.skippedSamples { print("  \(skipped.source): \(skipped.reason)") }
        if task.skippedSampleCount > task.skippedSamples.count {
            print("  … and \(task.skippedSampleCount - task.skippedSamples.count) more")
        }
    }
}
