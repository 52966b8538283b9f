import ArgumentParser
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab agency …`: what the labeling service (`modelarts-service`) may do in the owner's buckets.
    struct AgencyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agency",
            abstract: "Show, narrow or remove the agency through which the labeling service reads and writes the owner's buckets.",
            discussion: """
                By default modelarts-service may read and write every bucket of the owner, as the usual ModelArts agency. \
                `set` replaces the rules: each is BUCKET[/PREFIX][:read|:read-write] (read-write unless said), '*' for every \
                bucket of the owner; `add` adds rules to the current ones. `clear` removes the agency. A bucket policy that \
                denies the service applies whatever the agency says.
                """,
            subcommands: [Show.self, SetRules.self, AddRules.self, Clear.self]
        )

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Print the agency's rules.")

            @OptionGroup var server: ServerOptions

            func run() async throws {
                AgencyCommand.print(try await server.client().admin(.GET, ["agency"], as: AdminAPI.AgencyDocument.self))
            }
        }

        struct SetRules: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Replace the agency's rules.")

            @OptionGroup var server: ServerOptions

            @Argument(help: "Rules, BUCKET[/PREFIX][:read|:read-write]: '*' is every bucket of the owner, read-write the default.")
            var rules: [String]

            func validate() throws {
                if rules.isEmpty { throw ValidationError("Give at least one rule (or use `obslab agency clear`).") }
                _ = try AgencyCommand.parse(rules)
            }

            func run() async throws {
                let request = AdminAPI.SetAgency(rules: try AgencyCommand.parse(rules))
                AgencyCommand.print(try await server.client().admin(.PUT, ["agency"], body: request, as: AdminAPI.AgencyDocument.self))
            }
        }

        struct AddRules: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add rules to the agency, keeping the current ones (what `obslab diagnose` proposes for a path it may not read)."
            )

            @OptionGroup var server: ServerOptions

            @Argument(help: "Rules, BUCKET[/PREFIX][:read|:read-write]: '*' is every bucket of the owner, read-write the default.")
            var rules: [String]

            func validate() throws {
                if rules.isEmpty { throw ValidationError("Give at least one rule.") }
                _ = try AgencyCommand.parse(rules)
            }

            func run() async throws {
                let client = try server.client()
                var current = try await client.admin(.GET, ["agency"], as: AdminAPI.AgencyDocument.self).rules
                for rule in try AgencyCommand.parse(rules) where !current.contains(rule) { current.append(rule) }
                let request = AdminAPI.SetAgency(rules: current)
                AgencyCommand.print(try await client.admin(.PUT, ["agency"], body: request, as: AdminAPI.AgencyDocument.self))
            }
        }

        /// `BUCKET[/PREFIX][:read|:read-write]` rules as the admin API takes them.
        static func parse(_ rules: [String]) throws -> [AdminAPI.AgencyRule] {
            try rules.map { text in
                var scope = Substring(text)
                var access = "read-write"
                if let colon = scope.lastIndex(of: ":") {
                    access = String(scope[scope.index(after: colon)...])
                    scope = scope[..<colon]
                    guard access == "read" || access == "read-write" else {
                        throw ValidationError("A rule's access is read or read-write, not \(access) (in \(text)).")
                    }
                }
                let parts = scope.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard let bucket = parts.first, !bucket.isEmpty else { throw ValidationError("A rule names a bucket or '*': \(text).") }
                return AdminAPI.AgencyRule(bucket: String(bucket), prefix: parts.count > 1 ? String(parts[1]) : "", access: access)
            }
        }

        struct Clear: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove the agency: the labeling service may do nothing in the owner's buckets."
            )

            @OptionGroup var server: ServerOptions

            func run() async throws {
                AgencyCommand.print(try await server.client().admin(.DELETE, ["agency"], as: AdminAPI.AgencyDocument.self))
            }
        }

        static func print(_ agency: AdminAPI.AgencyDocument) {
            Swift.print("agency of \(agency.principal)\(agency.isDefault ? " (default)" : ""):")
            if agency.rules.isEmpty { Swift.print("  none: the service may do nothing in the owner's buckets") }
            for rule in agency.rules {
                Swift.print("  \(rule.bucket)/\(rule.prefix)*  \(rule.access)")
            }
        }
    }
}
