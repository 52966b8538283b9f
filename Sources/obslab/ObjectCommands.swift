import ArgumentParser
import NIOHTTP1

extension Obslab {
    /// `obslab object stat`: what HEAD says about an object, encryption included.
    struct ObjectCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "object",
            abstract: "Inspect objects on a running server.",
            subcommands: [Stat.self]
        )

        struct Stat: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show an object's size, ETag, metadata and encryption.")

            @OptionGroup var server: ServerOptions

            @Argument(help: "The bucket.") var bucket: String
            @Argument(help: "The object key.") var key: String

            @Option(help: "A version id (default: the latest version).")
            var versionId: String?

            func run() async throws {
                let query = versionId.map { [("versionId", $0)] } ?? []
                let reply = try await server.client().send(.HEAD, pathSegments: [bucket] + key.split(separator: "/", omittingEmptySubsequences: false).map(String.init), query: query)
                if reply.status == 404 { throw CLIError("NoSuchKey: s3://\(bucket)/\(key) does not exist") }
                if reply.status == 403 { throw CLIError("AccessDenied: not allowed to read s3://\(bucket)/\(key)") }
                try reply.throwIfFailed()
                let shown: [(String, String)] = [
                    ("size", "content-length"), ("etag", "etag"), ("content-type", "content-type"), ("last-modified", "last-modified"),
                    ("version", "x-amz-version-id"), ("storage-class", "x-amz-storage-class"),
                    ("encryption", "x-amz-server-side-encryption"), ("kms-key", "x-amz-server-side-encryption-aws-kms-key-id"),
                    ("customer-algorithm", "x-amz-server-side-encryption-customer-algorithm"),
                    ("customer-key-md5", "x-amz-server-side-encryption-customer-key-md5"),
                ]
                print("object: s3://\(bucket)/\(key)")
                for (label, header) in shown {
                    if let value = reply.header(header) { print("\(label): \(value)") }
                }
                if reply.header("x-amz-server-side-encryption") == nil && reply.header("x-amz-server-side-encryption-customer-algorithm") == nil {
                    print("encryption: none")
                }
                for (name, value) in reply.headers where name.lowercased().hasPrefix("x-amz-meta-") {
                    print("metadata \(name.dropFirst("x-amz-meta-".count).lowercased()): \(value)")
                }
            }
        }
    }
}
