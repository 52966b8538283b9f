import ArgumentParser
import NIOHTTP1
import ObslabAPI

extension Obslab.UserCommand {
    /// `obslab user token NAME [--email EMAIL]`: a labeling API token of the user's own, through the owner's token.
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a user a labeling API token of their own and print it.",
            discussion: """
                The labeling API then acts as that user (label changes record them; a labeling team member whose email is \
                the user's sees and labels only their samples). Each call replaces the user's former token; obslab keeps \
                only its hash, so this is the one time it is shown. Needs the owner's token (--token or $OBSLAB_API_TOKEN).
                """
        )

        @OptionGroup var api: LabelingOptions

        @Argument(help: "The user's name, recorded as the author of their label changes.") var name: String
        @Option(help: "The user's email: team members (workers) with this email are this user.") var email: String?

        func run() async throws {
            let issued = try await api.client().call(
                .POST, ["users", name, "token"], body: ModelArtsAPI.IssueToken(email: email), as: ModelArtsAPI.UserToken.self
            )
            print("user: \(issued.userName)")
            if let email = issued.email { print("email: \(email)") }
            print("token: \(issued.token)")
            print("use: OBSLAB_API_TOKEN=\(issued.token) obslab …, or the header X-Auth-Token")
        }
    }
}
