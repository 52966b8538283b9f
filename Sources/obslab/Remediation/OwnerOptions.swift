import ArgumentParser
import Foundation
import S3Server

/// The S3 side of a remediation: whom to act as (the bucket owner) and where. `--endpoint` names the labeling API
/// for these commands, so the S3 endpoint is `--s3-endpoint`.
struct OwnerOptions: ParsableArguments {
    @Option(help: "The obslab S3 endpoint (default: $OBSLAB_ENDPOINT or http://127.0.0.1:9000).")
    var s3Endpoint: String?

    @Option(help: "The bucket owner's access key (default: $OBSLAB_ACCESS_KEY, $OBSLAB_ROOT_ACCESS_KEY or the default owner's).")
    var accessKey: String?

    @Option(help: "The bucket owner's secret key (default: $OBSLAB_SECRET_KEY, $OBSLAB_ROOT_SECRET_KEY or the default owner's).")
    var secretKey: String?

    func client() throws -> ObslabClient {
        let environment = ProcessInfo.processInfo.environment
        let endpoint = s3Endpoint ?? environment["OBSLAB_ENDPOINT"] ?? "http://127.0.0.1:9000"
        guard let url = URL(string: endpoint), url.host != nil else {
            throw ValidationError("the S3 endpoint must be a URL such as http://127.0.0.1:9000, not \(endpoint).")
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
