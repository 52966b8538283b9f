import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab kms …`: the built-in KMS of a running server, through its admin API.
    struct KMSCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kms",
            abstract: "Manage the KMS keys of a running server: state, aliases and grants to principals.",
            discussion: """
                KEY is a key id, an alias (testkey-1 or alias/testkey-1) or a key ARN. PRINCIPAL is the owner ('owner'), \
                a user created with `obslab user create`, or the labeling service ('modelarts-service').
                """,
            subcommands: [List.self, Create.self, Describe.self, Enable.self, Disable.self, Grant.self, Revoke.self]
        )

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the keys as a table.")

            @OptionGroup var server: ServerOptions

            func run() async throws {
                let keys = try await server.client().admin(.GET, ["kms", "keys"], as: [AdminAPI.KeyInfo].self)
                let rows = keys.map { key in
                    [key.id, KMSCommand.aliasList(key), key.state, key.owner, key.grants.isEmpty ? "-" : key.grants.joined(separator: ",")]
                }
                KMSCommand.printTable(header: ["ID", "ALIASES", "STATE", "OWNER", "GRANTS"], rows: rows)
            }
        }

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create an enabled key owned by the owner principal.")

            @OptionGroup var server: ServerOptions

            @Option(help: "An alias for the key (name or alias/name: letters, digits, '/', '_', '-').")
            var alias: String?

            @Option(help: "A free-text description.")
            var description: String?

            func run() async throws {
                let request = AdminAPI.CreateKey(alias: alias, description: description)
                let key = try await server.client().admin(.POST, ["kms", "keys"], body: request, as: AdminAPI.KeyInfo.self)
                KMSCommand.printDetails(key)
            }
        }

        struct Describe: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show a key: id, ARN, aliases, owner, state and grants.")

            @OptionGroup var server: ServerOptions

            @Argument(help: "The key: id, alias or ARN.") var key: String

            func run() async throws {
                KMSCommand.printDetails(try await server.client().admin(.GET, ["kms", "keys", key], as: AdminAPI.KeyInfo.self))
            }
        }

        struct Enable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Enable a key: its owner and grantees may use it again.")

            @OptionGroup var server: ServerOptions

            @Argument(help: "The key: id, alias or ARN.") var key: String

            func run() async throws {
                let changed = try await server.client().admin(.POST, ["kms", "keys", key, "enable"], as: AdminAPI.KeyInfo.self)
                print("\(KMSCommand.name(changed)): \(changed.state)")
            }
        }

        struct Disable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Disable a key: nobody, its owner included, may encrypt or decrypt with it until it is enabled."
            )

            @OptionGroup var server: ServerOptions

            @Argument(help: "The key: id, alias or ARN.") var key: String

            func run() async throws {
                let changed = try await server.client().admin(.POST, ["kms", "keys", key, "disable"], as: AdminAPI.KeyInfo.self)
                print("\(KMSCommand.name(changed)): \(changed.state)")
            }
        }

        struct Grant: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Allow a principal to encrypt and decrypt with a key.")

            @OptionGroup var server: ServerOptions

            @Argument(help: "The key: id, alias or ARN.") var key: String
            @Argument(help: "The principal: owner, a user's name or modelarts-service.") var principal: String

            func run() async throws {
                let changed = try await server.client().admin(.PUT, ["kms", "keys", key, "grants", principal], as: AdminAPI.KeyInfo.self)
                print("granted \(principal) the use of \(KMSCommand.name(changed))")
                print("grants: \(KMSCommand.grantList(changed))")
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Withdraw a principal's grant on a key.")

            @OptionGroup var server: ServerOptions

            @Argument(help: "The key: id, alias or ARN.") var key: String
            @Argument(help: "The principal whose grant is withdrawn.") var principal: String

            func run() async throws {
                let changed = try await server.client().admin(.DELETE, ["kms", "keys", key, "grants", principal], as: AdminAPI.KeyInfo.self)
                print("revoked the grant of \(principal) on \(KMSCommand.name(changed))")
                print("grants: \(KMSCommand.grantList(changed))")
            }
        }

        /// `alias/testkey-1 (3f0c…)`, or the bare id for a key without alias.
        static func name(_ key: AdminAPI.KeyInfo) -> String {
            key.aliases.isEmpty ? key.id : "\(aliasList(key)) (\(key.id))"
        }

        static func aliasList(_ key: AdminAPI.KeyInfo) -> String {
            key.aliases.isEmpty ? "-" : key.aliases.map { "alias/" + $0 }.joined(separator: ",")
        }

        static func grantList(_ key: AdminAPI.KeyInfo) -> String {
            key.grants.isEmpty ? "none (only its owner, \(key.owner), may use it)" : key.grants.joined(separator: ", ")
        }

        static func printDetails(_ key: AdminAPI.KeyInfo) {
            print("id: \(key.id)")
            print("arn: \(key.arn)")
            print("aliases: \(aliasList(key))")
            print("owner: \(key.owner)")
            print("state: \(key.state)")
            print("created: \(ISO8601DateFormatter().string(from: key.creationDate))")
            if !key.description.isEmpty { print("description: \(key.description)") }
            print("grants: \(grantList(key))")
        }

        /// Left-aligned columns two spaces apart.
        static func printTable(header: [String], rows: [[String]]) {
            let table = [header] + rows
            let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
            for row in table {
                let cells = row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }
                print(cells.joined(separator: "  "))
            }
        }
    }
}
