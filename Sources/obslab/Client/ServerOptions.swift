import ArgumentParser
import Foundation
import S3Server

/// Where the running server is and whom to act as: shared by every command but `serve`.
struct ServerOptions: ParsableArguments {
    @Option(help: "The obslab S3 endpoint (default: $OBSLAB_ENDPOINT or http://127.0.0.1:9000).")
    var endpoint: String?

    @Option(help: "Access key to sign with (default: $OBSLAB_ACCESS_KEY, $OBSLAB_ROOT_ACCESS_KEY or the default owner's).")
    var accessKey: String?

    @Option(help: "Secret key to sign with (default: $OBSLAB_SECRET_KEY, $OBSLAB_ROOT_SECRET_KEY or the default owner's).")
    var secretKey: String?

    func validate() throws {
        if let endpoint, URL(string: endpoint)?.host == nil {
            throw ValidationError("--endpoint must be a URL such as http://127.0.0.1:9000, not \(endpoint).")
        }
    }

    func client() throws -> ObslabClient {
        let environment = ProcessInfo.processInfo.environment
        let endpoint = endpoint ?? environment["OBSLAB_ENDPOINT"] ?? "http://127.0.0.1:9000"
        guard let url = URL(string: endpoint), url.host != nil else {
            throw ValidationError("OBSLAB_ENDPOINT must be a URL such as http://127.0.0.1:9000, not \(endpoint).")
        }
        return ObslabClient(
            endpoint: url,
            accessKey: accessKey ?? environment["OBSLAB_ACCESS_KEY"] ?? environment["OBSLAB_ROOT_ACCESS_KEY"]
                ?? S3ServerConfiguration.defaultAccessKey,
            secretKey: secretKey ?? environment["OBSLAB_SECRET_KEY"] ?? environment["OBSLAB_ROOT_SECRET_KEY"]
                ?? S3ServerConfiguration.defaultSecretKey
        )
    }
}
