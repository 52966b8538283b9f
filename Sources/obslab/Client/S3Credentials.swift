import ArgumentParser
import Foundation
import ObslabAPI
import S3Client

/// Whom the S3 and admin calls act as: the owner by default.
struct S3Credentials: ParsableArguments {
    @Option(help: "Access key to sign with (default: $OBSLAB_ACCESS_KEY, $OBSLAB_ROOT_ACCESS_KEY or the default owner's).")
    var accessKey: String?

    @Option(help: "Secret key to sign with (default: $OBSLAB_SECRET_KEY, $OBSLAB_ROOT_SECRET_KEY or the default owner's).")
    var secretKey: String?

    /// A client of the S3 endpoint signing with these keys.
    func client(endpoint: URL) throws -> S3Client {
        let environment = ProcessInfo.processInfo.environment
        return try S3Client(
            endpoint: endpoint,
            accessKey: accessKey ?? environment["OBSLAB_ACCESS_KEY"] ?? environment["OBSLAB_ROOT_ACCESS_KEY"] ?? ObslabDefaults.ownerAccessKey,
            secretKey: secretKey ?? environment["OBSLAB_SECRET_KEY"] ?? environment["OBSLAB_ROOT_SECRET_KEY"] ?? ObslabDefaults.ownerSecretKey,
            timeout: .seconds(300)
        )
    }
}
