import ArgumentParser
import Foundation
import NIOHTTP1
import S3Client

extension Obslab.PolicyCommand {
    /// `obslab policy remove-statement BUCKET STATEMENT`: the fix `obslab diagnose` proposes for a statement that denies
    /// the labeling service.
    struct RemoveStatement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-statement",
            abstract: "Remove one statement from a bucket's policy, by its Sid or its position (#2); the policy goes when none is left.",
            discussion: "The rest of the policy is put back as it was (GetBucketPolicy, then PutBucketPolicy or DeleteBucketPolicy)."
        )

        @OptionGroup var server: ServerOptions
        @Argument(help: "The bucket.") var bucket: String
        @Argument(help: "The statement: its Sid, or #N for the Nth statement (from 1).") var statement: String

        func run() async throws {
            let s3 = try server.client().s3
            let reply = try await s3.execute(.GET, path: [bucket], query: [("policy", "")]).checked()
            guard var policy = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any] else {
                throw CLIError("the policy of \(bucket) is not a JSON object")
            }
            var statements: [Any]
            switch policy["Statement"] {
            case let list as [Any]: statements = list
            case let single as [String: Any]: statements = [single]
            default: throw CLIError("the policy of \(bucket) has no Statement")
            }
            guard let index = Self.index(of: statement, in: statements) else {
                let names = statements.enumerated().map { position, element in
                    ((element as? [String: Any])?["Sid"] as? String).map { "\"\($0)\"" } ?? "#\(position + 1)"
                }
                throw CLIError("the policy of \(bucket) has no statement \(statement); its statements are \(names.joined(separator: ", "))")
            }
            statements.remove(at: index)
            if statements.isEmpty {
                try await s3.execute(.DELETE, path: [bucket], query: [("policy", "")]).checked()
                print("removed statement \(statement) from the policy of \(bucket); no statement was left, so the policy is deleted")
                return
            }
            policy["Statement"] = statements
            let body = try JSONSerialization.data(withJSONObject: policy, options: [.sortedKeys])
            try await s3.execute(
                .PUT,
                path: [bucket],
                query: [("policy", "")],
                headers: [("content-type", "application/json")],
                body: Array(body)
            ).checked()
            print("removed statement \(statement) from the policy of \(bucket); \(statements.count) left")
        }

        /// The statement named by its Sid, or by `#N` (N from 1) — how explanations and diagnoses name statements.
        static func index(of name: String, in statements: [Any]) -> Int? {
            if let sid = statements.firstIndex(where: { ($0 as? [String: Any])?["Sid"] as? String == name }) { return sid }
            guard name.hasPrefix("#"), let position = Int(name.dropFirst()), statements.indices.contains(position - 1) else { return nil }
            return position - 1
        }
    }
}
