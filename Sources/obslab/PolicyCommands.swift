import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI
import S3Client

extension Obslab {
    /// `obslab policy …`: what a principal may do on a bucket or key and why, and the bucket policy itself.
    struct PolicyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            abstract: "Explain what a principal may do on a bucket or key, and show, set or delete bucket policies.",
            discussion: """
                `obslab policy BUCKET [KEY] --principal NAME` prints, for each action, whether NAME may perform it and what \
                decides it: the bucket policy statement, the ACL grant, ownership, the labeling service's agency, or \
                "denied: no grant". NAME is the owner, a user, modelarts-service, or anonymous (unsigned requests).
                """,
            subcommands: [Explain.self, Show.self, SetPolicy.self, RemoveStatement.self, Delete.self, Status.self],
            defaultSubcommand: Explain.self
        )

        struct Explain: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Explain what a principal may do on a bucket or key, and why.")

            @OptionGroup var server: ServerOptions
            @OptionGroup var target: AccessTarget

            func validate() throws {
                if target.principal == nil { throw ValidationError("Missing expected argument '--principal <principal>'") }
            }

            func run() async throws {
                try await target.explain(server: server)
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print a bucket's policy (GetBucketPolicy).")

            @OptionGroup var server: ServerOptions
            @Argument(help: "The bucket.") var bucket: String

            func run() async throws {
                let reply = try await server.client().s3.execute(.GET, path: [bucket], query: [("policy", "")]).checked()
                let text = String(decoding: reply.body, as: UTF8.self)
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            }
        }

        struct SetPolicy: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Set a bucket's policy from a JSON file (PutBucketPolicy)."
            )

            @OptionGroup var server: ServerOptions
            @Argument(help: "The bucket.") var bucket: String
            @Argument(help: "The policy document, a JSON file ('-' reads standard input).") var file: String

            func run() async throws {
                let data: Data
                if file == "-" {
                    data = FileHandle.standardInput.readDataToEndOfFile()
                } else {
                    guard let read = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
                    data = read
                }
                try await server.client().s3.execute(
                    .PUT,
                    path: [bucket],
                    query: [("policy", "")],
                    headers: [("content-type", "application/json")],
                    body: Array(data)
                ).checked()
                print("policy of \(bucket) set")
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Delete a bucket's policy (DeleteBucketPolicy).")

            @OptionGroup var server: ServerOptions
            @Argument(help: "The bucket.") var bucket: String

            func run() async throws {
                try await server.client().s3.execute(.DELETE, path: [bucket], query: [("policy", "")]).checked()
                print("policy of \(bucket) deleted")
            }
        }

        struct Status: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Whether the bucket's policy makes it public (GetBucketPolicyStatus).")

            @OptionGroup var server: ServerOptions
            @Argument(help: "The bucket.") var bucket: String

            func run() async throws {
                let reply = try await server.client().s3.execute(.GET, path: [bucket], query: [("policyStatus", "")]).checked()
                let isPublic = String(decoding: reply.body, as: UTF8.self).contains("<IsPublic>true</IsPublic>")
                print("\(bucket): \(isPublic ? "public" : "not public")")
            }
        }
    }
}

/// The bucket, key, principal, actions and conditions of an explanation (`obslab policy`, `obslab acl --principal`).
struct AccessTarget: ParsableArguments {
    @Argument(help: "The bucket.") var bucket: String
    @Argument(help: "A key in it (explains the object actions rather than the bucket's).") var key: String?

    @Option(help: "Who acts: the owner, a user, modelarts-service, or anonymous.")
    var principal: String?

    @Option(name: .customLong("action"), help: "An action to explain (s3:GetObject…), repeatable; the exit status is 1 if one is denied.")
    var actions: [String] = []

    @Option(name: .customLong("condition"), help: "A condition key the request would carry, KEY=VALUE (aws:SecureTransport=true), repeatable.")
    var conditions: [String] = []

    @Option(help: "A version id of the key.")
    var versionId: String?

    func validate() throws {
        for condition in conditions where !condition.contains("=") {
            throw ValidationError("--condition takes KEY=VALUE, not \(condition).")
        }
    }

    /// Asks the admin API and prints the owners, and one line per action: the action, allowed or denied, and the
    /// reason. Without a principal (`obslab acl`), only the owners and the grants.
    func explain(server: ServerOptions, showGrants: Bool = false) async throws {
        let request = AdminAPI.ExplainRequest(
            principal: principal ?? "anonymous",
            bucket: bucket,
            key: key,
            versionId: versionId,
            actions: actions.isEmpty ? nil : actions,
            conditions: conditions.isEmpty
                ? nil
                : Dictionary(
                    conditions.map { condition in
                        let parts = condition.split(separator: "=", maxSplits: 1)
                        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                    },
                    uniquingKeysWith: { _, last in last }
                )
        )
        let result = try await server.client().admin(.POST, ["access", "explain"], body: request, as: AdminAPI.ExplainResult.self)
        print("bucket \(result.bucket): owner \(result.bucketOwner)\(result.hasPolicy ? ", has a bucket policy" : "")")
        if showGrants { print("  ACL: \(result.bucketGrants.joined(separator: "; "))") }
        if let key = result.key {
            print("key \(key): " + (result.objectOwner.map { "owner \($0)" } ?? "no such object"))
            if showGrants, let grants = result.objectGrants { print("  ACL: \(grants.joined(separator: "; "))") }
        }
        guard principal != nil else { return }
        print("principal \(result.principal):")
        let width = result.decisions.map(\.action.count).max() ?? 0
        for decision in result.decisions {
            let action = decision.action.padding(toLength: width, withPad: " ", startingAt: 0)
            print("  \(action)  \(decision.allowed ? "allowed" : "denied ")  \(decision.reason)")
        }
        if !actions.isEmpty && result.decisions.contains(where: { !$0.allowed }) { throw ExitCode.failure }
    }
}
