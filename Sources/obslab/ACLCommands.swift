import ArgumentParser
import Crypto
import Foundation
import NIOHTTP1
import S3Client

extension Obslab {
    /// `obslab acl …`: the ACL of a bucket or object, what it lets a principal do, and setting it.
    struct ACLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acl",
            abstract: "Show a bucket's or object's owner and ACL grants (and with --principal, what they allow), or set them.",
            subcommands: [Show.self, SetACL.self],
            defaultSubcommand: Show.self
        )

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show the owner and grants; with --principal, explain its access.")

            @OptionGroup var server: ServerOptions
            @OptionGroup var target: AccessTarget

            func run() async throws {
                try await target.explain(server: server, showGrants: true)
            }
        }

        struct SetACL: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Replace the ACL of a bucket or object with a canned ACL or explicit grants (PutBucketAcl, PutObjectAcl)."
            )

            @OptionGroup var server: ServerOptions
            @Argument(help: "The bucket.") var bucket: String
            @Argument(help: "A key in it (sets the object's ACL).") var key: String?

            @Option(help: "A canned ACL: private, public-read, public-read-write, authenticated-read, bucket-owner-read, bucket-owner-full-control.")
            var canned: String?

            @Option(
                name: .customLong("grant"),
                help: "PERMISSION=GRANTEE, repeatable: read, write, read-acp, write-acp or full-control to a principal or a group."
            )
            var grants: [String] = []

            @Option(help: "A version id of the key.")
            var versionId: String?

            func validate() throws {
                if (canned == nil) == grants.isEmpty { throw ValidationError("Give either --canned or --grant.") }
                _ = try grantHeaders()
            }

            /// `x-amz-grant-read: id="…", uri="…"`, one header per permission.
            private func grantHeaders() throws -> [(name: String, value: String)] {
                var byHeader: [String: [String]] = [:]
                for grant in grants {
                    let parts = grant.split(separator: "=", maxSplits: 1).map(String.init)
                    let permissions = ["read", "write", "read-acp", "write-acp", "full-control"]
                    guard parts.count == 2, permissions.contains(parts[0].lowercased()) else {
                        let names = permissions.joined(separator: ", ")
                        throw ValidationError("--grant takes PERMISSION=GRANTEE with PERMISSION one of \(names), not \(grant).")
                    }
                    let grantee = parts[1]
                    let value =
                        if let uri = Self.groupURIs[grantee] { "uri=\"\(uri)\"" } else { "id=\"\(Self.canonicalId(of: grantee))\"" }
                    byHeader["x-amz-grant-" + parts[0].lowercased(), default: []].append(value)
                }
                return byHeader.sorted { $0.key < $1.key }.map { ($0.key, $0.value.joined(separator: ", ")) }
            }

            /// The groups a grant may name, by their S3 URIs.
            static let groupURIs = [
                "AllUsers": "http://acs.amazonaws.com/groups/global/AllUsers",
                "AuthenticatedUsers": "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
            ]

            /// A principal's canonical user id, as the server computes it (AccessControl's `Principal.canonicalId`):
            /// the hex SHA-256 of `obslab-principal:NAME`.
            static func canonicalId(of name: String) -> String {
                SHA256.hash(data: Array("obslab-principal:\(name)".utf8)).map { String(format: "%02x", $0) }.joined()
            }

            func run() async throws {
                let headers = try canned.map { [("x-amz-acl", $0)] } ?? grantHeaders()
                var query = [("acl", "")]
                if let versionId { query.append(("versionId", versionId)) }
                let path = key.map { S3Client.objectPath(bucket: bucket, key: $0) } ?? [bucket]
                try await server.client().s3.execute(.PUT, path: path, query: query, headers: headers).checked()
                print("ACL of \(bucket)\(key.map { "/" + $0 } ?? "") set")
            }
        }
    }
}
