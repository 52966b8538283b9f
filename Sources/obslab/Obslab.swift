import ArgumentParser
import ObslabAPI
import ObslabServe

/// The `obslab` command: `serve` runs the server; the other commands are clients of a running server.
@main
struct Obslab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A local S3/OBS object store with server-side encryption and a ModelArts-style labeling layer.",
        version: ObslabVersion.current,
        subcommands: [
            ServeCommand.self, UserCommand.self, KMSCommand.self, ObjectCommand.self, DatasetCommand.self, JobCommand.self, SyncCommand.self,
            SamplesCommand.self, ImportCommand.self, LabelsCommand.self, VersionCommand.self, DiagnoseCommand.self, RemediateCommand.self,
        ]
    )
}
