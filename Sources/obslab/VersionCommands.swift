import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab version …`: the published versions of a dataset, frozen lists of its samples and labels.
    struct VersionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "version",
            abstract: "Publish, list, show and delete the versions of a dataset.",
            discussion: """
                A version refers to the raw objects and never copies them: deleting a sample with its source file breaks \
                every version that lists the file (`obslab dataset check-sources DATASET` shows which). VERSION is a \
                version's name or id.
                """,
            subcommands: [Publish.self, List.self, Show.self, Delete.self]
        )

        struct Publish: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Publish the dataset's samples and labels as a new version, with its manifest in the output path."
            )

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Option(help: "The version's name: 1 to 32 letters, digits, '_' and '-' (default: the next of V001, V002, …).")
            var name: String?

            @Option(help: "A description of up to 256 characters.") var description: String?

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let created = try await client.call(
                    .POST,
                    ["datasets", dataset.datasetId, "versions"],
                    body: ModelArtsAPI.CreateVersion(versionName: name, description: description),
                    as: ModelArtsAPI.CreateVersionResponse.self
                )
                let version = try await client.call(
                    .GET,
                    ["datasets", dataset.datasetId, "versions", created.versionId],
                    as: ModelArtsAPI.Version.self
                )
                print("published version \(version.versionName) (\(version.versionId)) of dataset \(dataset.datasetName)")
                print(LabelingOutput.sampleSummary(version))
                print(LabelingOutput.changeSummary(version))
                print("manifest: \(LabelingOutput.obsURL(version.manifestPath))")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a dataset's versions as a table, newest first.")

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let versions = try await client.versions(datasetId: dataset.datasetId)
                guard !versions.isEmpty else {
                    print("dataset \(dataset.datasetName) has no versions (obslab version publish \(dataset.datasetName))")
                    return
                }
                let rows = versions.map { version in
                    [
                        version.versionId, version.versionName, version.isCurrent ? "yes" : "no", "\(version.totalSampleCount)",
                        "\(version.annotatedSampleCount)", "\(version.addSampleCount)", "\(version.modifiedSampleCount)",
                        "\(version.deletedSampleCount)", LabelingOutput.date(milliseconds: version.createTime),
                    ]
                }
                LabelingOutput.printTable(
                    header: ["ID", "NAME", "CURRENT", "SAMPLES", "LABELED", "ADDED", "MODIFIED", "DELETED", "CREATED"],
                    rows: rows
                )
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show a version: counts, changes, labels and its manifest.")

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Argument(help: "The version: name or id.") var version: String

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let (version, versions) = try await client.version(version, of: dataset)
                print("id: \(version.versionId)")
                print("name: \(version.versionName)")
                print("dataset: \(dataset.datasetName) (\(dataset.datasetId))")
                print("current: \(version.isCurrent ? "yes" : "no")")
                if let previous = version.previousVersionId {
                    let name = versions.first { $0.versionId == previous }.map { "\($0.versionName) " } ?? ""
                    print("previous: \(name)(\(previous))")
                }
                print("created: \(LabelingOutput.date(milliseconds: version.createTime))")
                if !version.description.isEmpty { print("description: \(version.description)") }
                print(LabelingOutput.sampleSummary(version))
                print(LabelingOutput.changeSummary(version))
                print("label type: \(version.labelType)")
                let labels = version.labelStats.map {
                    "\($0.name) (\(LabelingOutput.counted($0.sampleCount, "sample")), \(LabelingOutput.counted($0.count, "label")))"
                }
                print("labels: \(labels.isEmpty ? "none" : labels.joined(separator: ", "))")
                print("manifest: \(LabelingOutput.obsURL(version.manifestPath))")
            }
        }

        struct Delete: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Delete a version from the catalog; its manifest and the raw objects stay."
            )

            @OptionGroup var api: LabelingOptions

            @Argument(help: "The dataset: name or id.") var dataset: String

            @Argument(help: "The version: name or id.") var version: String

            func run() async throws {
                let client = try api.client()
                let dataset = try await client.dataset(dataset)
                let (version, _) = try await client.version(version, of: dataset)
                try await client.send(.DELETE, ["datasets", dataset.datasetId, "versions", version.versionId])
                print("deleted version \(version.versionName) (\(version.versionId)) of dataset \(dataset.datasetName)")
                print("its manifest stays at \(LabelingOutput.obsURL(version.manifestPath))")
            }
        }
    }
}
