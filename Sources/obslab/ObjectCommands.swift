import ArgumentParser
import Crypto
import Foundation
import NIOHTTP1
import S3Client

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

            @Option(help: "The base64 SSE-C key of an object stored with a customer-provided key (HEAD needs it).")
            var sseCKey: String?

            func validate() throws {
                if let sseCKey, Data(base64Encoded: sseCKey)?.count != 32 {
                    throw ValidationError("--sse-c-key must be 32 bytes in base64 (44 characters).")
                }
            }

            /// The SSE-C headers S3 expects: algorithm, key and the key's MD5, all base64.
            private func customerKeyHeaders() -> [(name: String, value: String)] {
                guard let sseCKey, let key = Data(base64Encoded: sseCKey) else { return [] }
                return [
                    ("x-amz-server-side-encryption-customer-algorithm", "AES256"),
                    ("x-amz-server-side-encryption-customer-key", sseCKey),
                    ("x-amz-server-side-encryption-customer-key-md5", Data(Insecure.MD5.hash(data: key)).base64EncodedString()),
                ]
            }

            func run() async throws {
                let reply = try await server.client().s3.headObject(bucket: bucket, key: key, versionId: versionId, headers: customerKeyHeaders())
                // A HEAD answer has no body to explain itself: say what each status means here.
                if reply.status == 404 { throw CLIError("NoSuchKey: s3://\(bucket)/\(key) does not exist") }
                if reply.status == 403 { throw CLIError("AccessDenied: not allowed to read s3://\(bucket)/\(key) ") }
                if reply.status == 400 && sseCKey == nil {
                    throw CLIError("InvalidRequest: s3://\(bucket)/\(key) is stored with a customer-provided key: pass it with --sse-c-key")
                }
                if reply.status == 400 {
                    throw CLIError("InvalidRequest: s3://\(bucket)/\(key) refused this --sse-c-key (not the key it was stored with?)")
                }
                try reply.checked()
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
