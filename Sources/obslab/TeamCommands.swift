import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab team …`: labeling teams, their members and team labeling tasks (ModelArts "Team Labeling").
    struct TeamCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "team",
            abstract: "Manage labeling teams and members, and create team labeling tasks.",
            subcommands: [
                Create.self, List.self, Show.self, Add.self, Remove.self, Delete.self, Task.self, Progress.self, Review.self, Accept.self,
                Check.self, Finish.self, Report.self,
            ]
        )

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a labeling team.")

            @OptionGroup var api: LabelingOptions
            @Argument(help: "The team's name (letters, digits, '_', '-').") var name: String
            @Option(help: "What the team is for.") var description: String?

            func run() async throws {
                let created = try await api.client().call(
                    .POST, ["workforces"], body: ModelArtsAPI.CreateWorkforce(workforceName: name, description: description),
                    as: ModelArtsAPI.CreateWorkforceResponse.self
                )
                print("created labeling team \(name) (\(created.workforceId))")
                print("next: obslab team add \(name) EMAIL --role labeler")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the labeling teams as a table.")

            @OptionGroup var api: LabelingOptions

            func run() async throws {
                let teams = try await api.client().allWorkforces()
                LabelingOutput.printTable(
                    header: ["ID", "NAME", "MEMBERS", "CREATED"],
                    rows: teams.map { [$0.workforceId, $0.workforceName, "\($0.workerCount)", LabelingOutput.date(milliseconds: $0.createTime)] }
                )
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a team's members, their roles and whether they have a token.")

            @OptionGroup var api: LabelingOptions
            @Argument(help: "The team: name or id.") var team: String

            func run() async throws {
                let client = try api.client()
                let team = try await client.workforce(team)
                let workers = try await client.workers(of: team.workforceId)
                print("labeling team \(team.workforceName) (\(team.workforceId)): \(team.description)")
                LabelingOutput.printTable(
                    header: ["ID", "EMAIL", "ROLE", "USER"],
                    rows: workers.map { [$0.workerId ?? "", $0.email ?? "", Role.name(of: $0.role ?? 0), $0.status == 2 ? "yes" : "no"] }
                )
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a member to a team.",
                discussion: "A user whose email (obslab user token NAME --email EMAIL) is the member's acts as the member."
            )

            @OptionGroup var api: LabelingOptions
            @Argument(help: "The team: name or id.") var team: String
            @Argument(help: "The member's email.") var email: String
            @Option(help: "labeler, reviewer or administrator.") var role: Role = .labeler
            @Option(help: "A note on the member.") var description: String?

            func run() async throws {
                let client = try api.client()
                let team = try await client.workforce(team)
                try await client.send(
                    .POST, ["workforces", team.workforceId, "workers"],
                    body: ModelArtsAPI.CreateWorker(emails: email, role: role.code, description: description)
                )
                print("added \(email) to \(team.workforceName) as \(role.rawValue)")
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a member from a team (team tasks keep their members).")

            @OptionGroup var api: LabelingOptions
            @Argument(help: "The team: name or id.") var team: String
            @Argument(help: "The member's email or id.") var member: String

            func run() async throws {
                let client = try api.client()
                let team = try await client.workforce(team)
                guard let worker = try await client.workers(of: team.workforceId).first(where: { $0.email == member || $0.workerId == member }),
                    let id = worker.workerId
                else { throw CLIError("\(team.workforceName) has no member \(member) (`obslab team show \(team.workforceName)`)") }
                try await client.send(.DELETE, ["workforces", team.workforceId, "workers", id])
                print("removed \(worker.email ?? id) from \(team.workforceName)")
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Delete a team and its members (team tasks keep their members).")

            @OptionGroup var api: LabelingOptions
            @Argument(help: "The team: name or id.") var team: String

            func run() async throws {
                let client = try api.client()
                let team = try await client.workforce(team)
                try await client.send(.DELETE, ["workforces", team.workforceId])
                print("deleted labeling team \(team.workforceName)")
            }
        }

        /// A member's role, as the CLI names it.
        enum Role: String, ExpressibleByArgument, CaseIterable {
            case labeler, reviewer, administrator

            var code: Int {
                switch self {
                case .labeler: 0
                case .reviewer: 1
                case .administrator: 2
                }
            }

            static func name(of code: Int) -> String {
                allCases.first { $0.code == code }?.rawValue ?? (code == 3 ? "owner" : "\(code)")
            }
        }
    }
}

extension LabelingClient {
    /// Every labeling team, page by page.
    func allWorkforces() async throws -> [ModelArtsAPI.Workforce] {
        var teams: [ModelArtsAPI.Workforce] = []
        while true {
            let page = try await call(
                .GET, ["workforces"], query: [("offset", "\(teams.count)"), ("limit", "100")], as: ModelArtsAPI.WorkforceList.self
            )
            teams += page.workforces
            if page.workforces.isEmpty || teams.count >= page.totalNumber { return teams }
        }
    }

    /// A team by id or name.
    func workforce(_ reference: String) async throws -> ModelArtsAPI.Workforce {
        let teams = try await allWorkforces()
        guard let team = teams.first(where: { $0.workforceId == reference }) ?? teams.first(where: { $0.workforceName == reference }) else {
            throw CLIError("no labeling team \(reference) (`obslab team list` lists them)")
        }
        return team
    }

    /// Every member of a team, oldest first.
    func workers(of workforceId: String) async throws -> [ModelArtsAPI.Worker] {
        var workers: [ModelArtsAPI.Worker] = []
        while true {
            let page = try await call(
                .GET, ["workforces", workforceId, "workers"],
                query: [("offset", "\(workers.count)"), ("limit", "100"), ("order", "asc")], as: ModelArtsAPI.WorkerList.self
            )
            workers += page.workers
            if page.workers.isEmpty || workers.count >= page.totalNumber { return workers }
        }
    }
}
