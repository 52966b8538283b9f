import ArgumentParser
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab user create|list`: principals other than the owner, with their own access keys.
    struct UserCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "user",
            abstract: "Manage the users (principals with access keys) of a running server.",
            subcommands: [Create.self, List.self, Token.self]
        )

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Create a user and print its access keys.")

            @OptionGroup var server: ServerOptions

            @Argument(help: "The user's name (letters, digits, '-', '_', '.'), used as its principal in KMS grants.")
            var name: String

            func run() async throws {
                let user = try await server.client().admin(.POST, ["users"], body: AdminAPI.CreateUser(name: name), as: AdminAPI.UserInfo.self)
                print("user: \(user.name)")
                print("access key: \(user.accessKey)")
                print("secret key: \(user.secretKey ?? "")")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the users.")

            @OptionGroup var server: ServerOptions

            func run() async throws {
                let users = try await server.client().admin(.GET, ["users"], as: [AdminAPI.UserInfo].self)
                for user in users {
                    print("\(user.name)\t\(user.accessKey)")
                }
            }
        }
    }
}
