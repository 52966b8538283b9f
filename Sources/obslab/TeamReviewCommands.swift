import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab.TeamCommand {
    /// What `review` and `check` say of each sample.
    struct VerdictOptions: ParsableArguments {
        @Flag(help: "Accept the samples.") var accept = false
        @Flag(help: "Reject the samples (back to their labeler).") var reject = false
        @Option(help: "A comment.") var comment: String?
        @Option(help: "A score: A (best), B, C or D.") var score: String?

        func validate() throws {
            guard accept != reject else { throw ValidationError("Give one of --accept and --reject") }
        }

        func comments(_ sampleIds: [String]) -> ModelArtsAPI.SampleComments {
            ModelArtsAPI.SampleComments(
                comments: sampleIds.map { ModelArtsAPI.SampleComment(sampleId: $0, accept: accept, comment: comment, score: score) }
            )
        }
    }

    /// `obslab team review DATASET TASK SAMPLE_ID... --accept|--reject`: a reviewer's verdict (their own token).
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review labeled samples of a team task: accepted ones wait for the owner's acceptance, rejected ones go back."
        )

        @OptionGroup var api: LabelingOptions
        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The team task: name or id.") var task: String
        @Argument(help: "The samples.") var sampleIds: [String]
        @OptionGroup var verdict: VerdictOptions

        func run() async throws {
            let (client, path) = try await api.client().teamTaskPath(dataset, task)
            try await client.send(.POST, path + ["data-annotations", "review"], body: verdict.comments(sampleIds))
            print("\(verdict.accept ? "accepted" : "rejected") \(sampleIds.count) sample(s)")
        }
    }

    /// `obslab team accept DATASET TASK --rate R | --number N`, then `check`, `report` and `finish`: the owner's acceptance.
    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the owner's acceptance of a team task's reviewed samples.")

        @OptionGroup var api: LabelingOptions
        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The team task: name or id.") var task: String
        @Option(help: "The share of the samples waiting for acceptance to check, in (0, 1].") var rate: Double?
        @Option(help: "How many of them to check.") var number: Int?

        func validate() throws {
            guard (rate == nil) != (number == nil) else { throw ValidationError("Give one of --rate and --number") }
        }

        func run() async throws {
            let (client, path) = try await api.client().teamTaskPath(dataset, task)
            let started = try await client.call(
                .POST, path + ["acceptance"], body: ModelArtsAPI.CreateAcceptance(samplingNum: number, samplingRate: rate),
                as: ModelArtsAPI.CreatedTask.self
            )
            print("acceptance \(started.taskId) started")
            print("next: obslab team check \(dataset) \(task) SAMPLE_ID... --accept|--reject, then obslab team finish \(dataset) \(task)")
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept or reject samples of the acceptance under way.")

        @OptionGroup var api: LabelingOptions
        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The team task: name or id.") var task: String
        @Argument(help: "The samples.") var sampleIds: [String]
        @OptionGroup var verdict: VerdictOptions

        func run() async throws {
            let (client, path) = try await api.client().teamTaskPath(dataset, task)
            try await client.send(.POST, path + ["acceptance", "batch-comment"], body: verdict.comments(sampleIds))
            print("\(verdict.accept ? "accepted" : "rejected") \(sampleIds.count) sample(s)")
        }
    }

    struct Finish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End the acceptance under way; passed samples' labels become the dataset's.",
            discussion: "Actions (ModelArts's): pass-all (0), reject-all (1), cancel (2), pass-accepted (5, the default)."
        )

        enum Action: String, ExpressibleByArgument, CaseIterable {
            case passAll = "pass-all"
            case rejectAll = "reject-all"
            case cancel
            case passAccepted = "pass-accepted"

            var code: Int { [.passAll: 0, .rejectAll: 1, .cancel: 2, .passAccepted: 5][self]! }
        }

        @OptionGroup var api: LabelingOptions
        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The team task: name or id.") var task: String
        @Option(help: "pass-all, reject-all, cancel or pass-accepted.") var action: Action = .passAccepted

        func run() async throws {
            let (client, path) = try await api.client().teamTaskPath(dataset, task)
            let result = try await client.call(
                .PUT, path + ["acceptance", "status"], query: [("locale", "en-us")],
                body: ModelArtsAPI.UpdateAcceptanceStatus(action: action.code), as: ModelArtsAPI.AcceptanceResult.self
            )
            print("acceptance ended (\(action.rawValue)): \(result.sampleCount) sample(s) accepted")
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an acceptance's report and the totals of the task's acceptances.")

        @OptionGroup var api: LabelingOptions
        @Argument(help: "The dataset: name or id.") var dataset: String
        @Argument(help: "The team task: name or id.") var task: String
        @Argument(help: "The acceptance (its id, as `accept` printed it).") var acceptance: String

        func run() async throws {
            let (client, path) = try await api.client().teamTaskPath(dataset, task)
            let report = try await client.call(
                .GET, path + ["acceptance", "report"], query: [("checking_task_id", acceptance)], as: ModelArtsAPI.AcceptanceReport.self
            )
            let rows = [("this acceptance", report.checkingStats), ("all acceptances", report.totalStats)].map { name, stats in
                [
                    name, "\(stats.sampledSampleCount)", "\(stats.checkedSampleCount)", "\(stats.acceptedSampleCount)",
                    "\(stats.rejectedSampleCount)",
                    String(format: "%.0f%%", stats.passRate * 100), stats.score,
                ]
            }
            LabelingOutput.printTable(header: ["", "SAMPLED", "CHECKED", "ACCEPTED", "REJECTED", "PASS RATE", "SCORE"], rows: rows)
        }
    }
}

extension LabelingClient {
    /// The client and the API path of a dataset's team task, both named by name or id.
    func teamTaskPath(_ dataset: String, _ task: String) async throws -> (LabelingClient, [String]) {
        let dataset = try await self.dataset(dataset)
        let job = try await self.job(task, datasetId: dataset.datasetId)
        return (self, ["datasets", dataset.datasetId, "workforce-tasks", job.taskId])
    }
}
