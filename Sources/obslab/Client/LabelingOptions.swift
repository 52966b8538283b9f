import ArgumentParser
import Foundation
import ObslabAPI

/// The options of the commands that call the ModelArts-style API: where (both endpoints, as every command), the token
/// to present and the project of the paths.
struct LabelingOptions: ParsableArguments {
    @OptionGroup var endpoints: EndpointOptions

    @Option(help: "The API token, sent as X-Auth-Token (default: $OBSLAB_API_TOKEN or the server's default token).")
    var token: String?

    @Option(help: "The project id in the API's paths.")
    var project = "obslab"

    func client() throws -> LabelingClient {
        let token = token ?? ProcessInfo.processInfo.environment["OBSLAB_API_TOKEN"] ?? ObslabDefaults.apiToken
        return LabelingClient(endpoint: try endpoints.apiURL(legacy: .api), token: token, project: project)
    }

    /// The S3 endpoint, for the commands that also reach S3 or print commands that do.
    func s3URL() throws -> URL {
        try endpoints.s3URL(legacy: .api)
    }
}
