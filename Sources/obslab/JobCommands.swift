import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab job …`: the labeling jobs of a dataset (ModelArts workforce tasks).
    struct JobCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "job",
            abstract: "Create, list and delete the labeling jobs of a dataset.",
            subcommands: [Create.self, List.self, Delete.self]
        )

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a labeling job; its samples come from the dataset at the next sync.")

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String
            @Argument(help: "The job's name.") var name: String

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let created = try await client.call(
                    .POST,
                    ["datasets", dataset.datasetId, "workforce-tasks"],
                    body: ModelArtsAPI.CreateWorkforceTask(taskName: name),
                    as: ModelArtsAPI.CreatedTask.self
                )
                print("created labeling job \(name) (\(created.taskId)) of dataset \(dataset.datasetName)")
                print("next: obslab sync \(dataset.datasetName)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a dataset's labeling jobs as a table.")

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let jobs = try await client.call(
                    .GET, ["datasets", dataset.datasetId, "workforce-tasks"], query: [("with_default", "true")],
                    as: ModelArtsAPI.WorkforceTaskList.self
                )
                let rows = jobs.tasks.map { job in
                    let stats = job.sampleStats
                    return [
                        job.taskId, job.taskName, job.isDefault ? "yes" : "no", "\(stats.totalSampleCount)",
                        "\(stats.totalSampleCount - stats.unannotatedSampleCount)", "\(stats.unannotatedSampleCount)",
                        LabelingOutput.date(milliseconds: job.createTime),
                    ]
                }
                LabelingOutput.printTable(header: ["ID", "NAME", "DEFAULT", "SAMPLES", "LABELED", "UNLABELED", "CREATED"], rows: rows)
            }
        }
    }
}

extension Obslab.JobCommand {
    /// `obslab job delete DATASET JOB [--force]`: deleting the default job deletes the dataset's labels, as in ModelArts.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a labeling job and the labels set in it.",
            discussion: """
                The dataset's samples stay. Deleting the default job (the one `obslab job list` marks DEFAULT) deletes the \
                dataset's labels with it, as ModelArts does ("Why ModelArts image labels are lost"): it needs --force. A \
                sync does not bring those labels back; `obslab sync DATASET --reread-deleted-labels` reads their label \
                files again.
                """
        )

        @OptionGroup var api: LabelingOptions
        @OptionGroup var author: LabelAuthorOptions

        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The labeling job: name or id.") var job: String

        @Flag(help: "Delete the default job, and the dataset's labels with it.") var force = false

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let job = try await client.job(job, datasetId: dataset.datasetId)
            let labeled = job.sampleStats.totalSampleCount - job.sampleStats.unannotatedSampleCount
            if job.isDefault && !force {
                throw CLIError(
                    "\(job.taskName) is the default labeling job of \(dataset.datasetName): deleting it deletes the labels of its "
                        + "\(labeled) labeled samples (\"Why ModelArts image labels are lost\"); add --force to delete it"
                )
            }
            try await client.send(.DELETE, ["datasets", dataset.datasetId, "workforce-tasks", job.taskId], headers: author.headers)
            print("deleted labeling job \(job.taskName) (\(job.taskId)) of dataset \(dataset.datasetName)")
            if job.isDefault {
                print("\(labeled) samples lost their labels; a new, empty default job replaces it")
                print("why: obslab diagnose \(dataset.datasetName); labels back from OBS: obslab sync \(dataset.datasetName) --reread-deleted-labels")
            }
        }
    }
}
