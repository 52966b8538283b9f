import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab group start|status`: auto grouping of a dataset's images (ModelArts's "Auto Grouping").
    struct GroupCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "group",
            abstract: "Group a dataset's images by how they look (auto grouping), and show the tasks.",
            discussion: """
                obslab group start DATASET --groups 3 --attribute look [--features color,brightness,sharpness] [--wait]
                obslab group start DATASET --groups 3 --obs-path obs://bucket/groups/
                obslab group status DATASET [TASK_ID]
                Then filter on the attribute: obslab samples list DATASET --attribute look=0
                """,
            subcommands: [Start.self, Status.self]
        )

        enum Feature: String, ExpressibleByArgument, CaseIterable {
            case color
            case brightness
            case sharpness
        }

        struct Start: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Start an auto grouping task: k-means over color, brightness and sharpness of every image.",
                discussion: """
                    The groups go to a sample attribute (--attribute NAME, group numbers 0, 1, …) or to a JSON Lines \
                    file in an OBS folder (--obs-path). The same images and seed always give the same groups. Images the \
                    labeling service cannot read or decode are skipped, with the reason. With --wait, exits 1 when the \
                    task failed.
                    """
            )

            @OptionGroup var api: LabelingOptions
            @OptionGroup var author: LabelAuthorOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Option(help: "The number of groups, 2 to 200.") var groups: Int

            @Option(help: "Write each image's group to this sample attribute.") var attribute: String?

            @Option(help: "Save the groups to this OBS folder instead.") var obsPath: String?

            @Option(
                parsing: .upToNextOption,
                help: "Group by these measures only: color, brightness, sharpness (default: all three)."
            )
            var features: [Feature] = []

            @Option(help: "The k-means seed.") var seed: UInt64 = 0

            @Flag(help: "Wait for the task to finish and show its result.") var wait = false

            func validate() throws {
                guard (attribute == nil) != (obsPath == nil) else {
                    throw ValidationError("Give --attribute NAME (update a sample attribute) or --obs-path obs://bucket/folder/, one of them.")
                }
            }

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let chosen = Set(features)
                let config = ModelArtsAPI.SmartTaskConfig(
                    nClusters: groups,
                    ambiguity: chosen.contains(.sharpness) ? true : nil,
                    imageBrightness: chosen.contains(.brightness) ? true : nil,
                    imageColorfulness: chosen.contains(.color) ? true : nil,
                    property: attribute,
                    resultType: attribute != nil ? 1 : 0,
                    outputDir: obsPath,
                    seed: seed
                )
                let created = try await client.call(
                    .POST,
                    ["datasets", dataset.datasetId, "tasks"],
                    body: ModelArtsAPI.CreateSmartTask(taskType: ModelArtsAPI.SmartTaskType.autoGrouping, config: config),
                    headers: author.headers,
                    as: ModelArtsAPI.CreatedTask.self
                )
                print("task \(created.taskId)")
                guard wait else {
                    print("started: obslab group status \(dataset.datasetName) \(created.taskId)")
                    return
                }
                var task = try await Self.task(client, datasetId: dataset.datasetId, taskId: created.taskId)
                while [ModelArtsAPI.SmartTask.running, ModelArtsAPI.SmartTask.stopping].contains(task.status) {
                    try await Task.sleep(for: .milliseconds(200))
                    task = try await Self.task(client, datasetId: dataset.datasetId, taskId: created.taskId)
                }
                GroupOutput.printDetails(task, datasetName: dataset.datasetName)
                if task.status == ModelArtsAPI.SmartTask.failed { throw ExitCode.failure }
            }

            static func task(_ client: LabelingClient, datasetId: String, taskId: String) async throws -> ModelArtsAPI.SmartTask {
                try await client.call(.GET, ["datasets", datasetId, "tasks", taskId], as: ModelArtsAPI.SmartTask.self)
            }
        }

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Show an auto grouping task (progress, groups, skipped images), or list them all, newest first."
            )

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Argument(help: "The task id; without it, every task of the dataset.") var task: String?

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                if let task {
                    let details = try await Start.task(client, datasetId: dataset.datasetId, taskId: task)
                    GroupOutput.printDetails(details, datasetName: dataset.datasetName)
                    if details.status == ModelArtsAPI.SmartTask.failed { throw ExitCode.failure }
                    return
                }
                var tasks: [ModelArtsAPI.SmartTask] = []
                var total = 0
                repeat {
                    let page = try await client.call(
                        .GET,
                        ["datasets", dataset.datasetId, "tasks"],
                        query: [("type", ModelArtsAPI.SmartTaskType.autoGrouping), ("offset", "\(tasks.count)"), ("limit", "100")],
                        as: ModelArtsAPI.SmartTaskList.self
                    )
                    tasks += page.tasks
                    total = page.totalCount
                    if page.tasks.isEmpty { break }
                } while tasks.count < total
                guard !tasks.isEmpty else {
                    let name = dataset.datasetName
                    print("dataset \(name) has no auto grouping tasks (obslab group start \(name) --groups N --attribute NAME)")
                    return
                }
                let rows = tasks.map { task in
                    [
                        task.taskId, GroupOutput.status(task.status), String(format: "%.0f%%", task.progress), "\(task.config.nClusters ?? 0)",
                        task.config.property.map { "attribute \($0)" } ?? task.config.outputDir ?? "", "\(task.result.skippedSampleCount)",
                        task.createTime,
                    ]
                }
                LabelingOutput.printTable(header: ["ID", "STATUS", "PROGRESS", "GROUPS", "RESULT", "SKIPPED", "CREATED (UTC)"], rows: rows)
                print("\(tasks.count) of \(total) auto grouping tasks")
            }
        }
    }
}

/// How `obslab group` prints a task.
enum GroupOutput {
    static func status(_ code: Int) -> String {
        switch code {
        case ModelArtsAPI.SmartTask.running: "running"
        case ModelArtsAPI.SmartTask.succeeded: "completed"
        case ModelArtsAPI.SmartTask.stopping: "stopping"
        case ModelArtsAPI.SmartTask.stopped: "stopped"
        default: "failed"
        }
    }

    static func printDetails(_ task: ModelArtsAPI.SmartTask, datasetName: String) {
        print("task \(task.taskId): \(status(task.status)), \(String(format: "%.0f", task.progress))% (\(task.message))")
        let result = task.result
        print("images: \(result.processedSampleCount) of \(result.totalSampleCount) read, \(result.skippedSampleCount) skipped")
        for (group, size) in result.groupSizes.enumerated() { print("group \(group): \(size) images") }
        if let property = task.config.property, task.status == ModelArtsAPI.SmartTask.succeeded {
            print("\(result.groupSizes.count) groups in attribute \(property): obslab samples list \(datasetName) --attribute \(property)=0")
        }
        if let path = result.manifestPath { print("\(result.groupSizes.count) groups saved to \(path)") }
        for skipped in result.skippedSamples { print("skipped \(skipped.source): \(skipped.reason)") }
        if let message = task.errorMessage, task.status == ModelArtsAPI.SmartTask.failed { print("error: \(message)") }
    }
}
