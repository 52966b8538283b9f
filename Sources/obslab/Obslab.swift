import ArgumentParser
import ObslabAPI
import ObslabServe
import S3Client

/// The `obslab` command: `serve` runs the server; the other commands are clients of a running server.
@main
struct Obslab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A local S3/OBS object store with server-side encryption and a ModelArts-style labeling layer.",
        version: ObslabVersion.current,
        subcommands: [
            ServeCommand.self, UserCommand.self, KMSCommand.self, PolicyCommand.self, ACLCommand.self, AgencyCommand.self,
            ObjectCommand.self, DatasetCommand.self, JobCommand.self, SyncCommand.self,
            SamplesCommand.self, ImportCommand.self, LabelsCommand.self, VersionCommand.self, DiagnoseCommand.self, RemediateCommand.self,
            FsckCommand.self, GroupCommand.self, TeamCommand.self, ExportCommand.self,
        ]
    )

    /// ArgumentParser's own main, with a hint when the S3 endpoint does not answer: a server that is not running is the
    /// usual reason.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as S3ClientError where error.isUnreachable {
            exit(withError: CLIError("\(error.message); is `obslab serve` running?"))
        } catch {
            exit(withError: error)
        }
    }
}
