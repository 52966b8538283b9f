import ArgumentParser
import NIOHTTP1
import ObslabAPI

extension Obslab.TeamCommand {
    /// `obslab team task DATASET NAME --team TEAM [--member EMAIL]...`: a team labeling task over the dataset's samples.
    struct Task: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a team labeling task: the dataset's samples are spread over the team's labelers.",
            discussion: """
                Each labeler then lists and labels only their samples with their own token (obslab samples list|label \
                DATASET --job TASK); reviewers review them, and the owner accepts the task (ModelArts's acceptance API).
                """
        )

        @OptionGroup var api: LabelingOptions
        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The task's name.") var name: String
        @Option(help: "A labeling team (name or id); repeat for several.") var team: [String]
        @Option(help: "Only these members (emails) take part; default: every member of the teams.") var member: [String] = []
        @Flag(help: "Keep accepted labels in the task instead of writing them to the dataset.") var noAutoSync = false

        func validate() throws {
            guard !team.isEmpty else { throw ValidationError("Name a labeling team with --team") }
        }

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            var configs: [ModelArtsAPI.WorkforceConfig] = []
            for reference in team {
                let team = try await client.workforce(reference)
                let members = try await client.workers(of: team.workforceId).compactMap(\.email)
                let chosen = member.isEmpty ? nil : members.filter(member.contains).map { ModelArtsAPI.Worker(email: $0) }
                configs.append(ModelArtsAPI.WorkforceConfig(workforceId: team.workforceId, workers: chosen))
            }
            let created = try await client.call(
                .POST, ["datasets", dataset.datasetId, "workforce-tasks"],
                body: ModelArtsAPI.CreateWorkforceTask(
                    taskName: name, workforcesConfig: ModelArtsAPI.WorkforcesConfig(workforces: configs), autoSyncDataset: !noAutoSync
                ),
                as: ModelArtsAPI.CreatedTask.self
            )
            print("created team task \(name) (\(created.taskId)) of dataset \(dataset.datasetName)")
            print("progress: obslab team progress \(dataset.datasetName) \(name)")
        }
    }

    /// `obslab team progress DATASET TASK`: the task's samples by state, per member.
    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a team task's samples by state, for each member.")

        @OptionGroup var api: LabelingOptions
        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The team task: name or id.") var task: String

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let job = try await client.job(task, datasetId: dataset.datasetId)
            let task = try await client.call(
                .GET, ["datasets", dataset.datasetId, "workforce-tasks", job.taskId], as: ModelArtsAPI.WorkforceTask.self)
            guard let workers = task.workerStats else { throw CLIError("\(job.taskName) is a labeling job without a team") }
            let status = [1: "running", 2: "accepting", 3: "accepted", 4: "rejected"][task.status ?? 0] ?? "\(task.status ?? 0)"
            print("team task \(task.taskName) (\(task.taskId)): \(status)")
            let rows = ([("TOTAL", "", task.sampleStats)] + workers.map { ($0.email, Role.name(of: $0.role), $0.sampleStats) }).map { row in
                let stats = row.2
                return [
                    row.0, row.1, "\(stats.totalSampleCount)", "\(stats.unannotatedSampleCount)", "\(stats.unreviewedSampleCount ?? 0)",
                    "\(stats.rejectedSampleCount ?? 0)", "\(stats.uncheckSampleCount ?? 0)", "\(stats.acceptedSampleCount ?? 0)",
                ]
            }
            LabelingOutput.printTable(
                header: ["MEMBER", "ROLE", "SAMPLES", "UNLABELED", "UNREVIEWED", "REJECTED", "TO ACCEPT", "ACCEPTED"], rows: rows)
        }
    }
}
