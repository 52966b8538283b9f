import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab.DatasetCommand {
    /// `obslab dataset check-sources DATASET`: which samples and versions lost their source files, and how to get them back.
    struct CheckSources: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-sources",
            abstract: "Check that the source files of a dataset's samples and versions are still there.",
            discussion: """
                Lists the storage now. Each missing file says who deleted it when a sample deletion with its source \
                did, and the command that restores it when its bucket keeps versions. Exits 1 when something is missing.
                """
        )

        @OptionGroup var api: LabelingOptions

        @Argument(help: "The dataset: name or id.") var dataset: String

        @Flag(help: "Print the API's JSON document instead (same exit status).") var json = false

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let check = try await client.call(.GET, ["datasets", dataset.datasetId, "source-check"], as: ModelArtsAPI.SourceCheck.self)
            if json {
                let encoder = ModelArtsAPI.makeEncoder()
                encoder.outputFormatting.insert(.prettyPrinted)
                print(String(decoding: try encoder.encode(check), as: UTF8.self))
            } else {
                for line in Self.report(check, s3Endpoint: try api.s3URL()) { print(line) }
            }
            if !check.intact { throw ExitCode.failure }
        }

        static func report(_ check: ModelArtsAPI.SourceCheck, s3Endpoint: URL) -> [String] {
            let title = "dataset \(check.datasetName) (\(check.datasetId))"
            let samples = LabelingOutput.counted(check.checkedSampleCount, "sample")
            guard !check.intact else {
                return ["\(title): intact, the files of its \(samples) and \(LabelingOutput.counted(check.versions.count, "version")) are there"]
            }
            var lines = ["\(title): \(samples) checked, \(check.missingSampleCount) missing their file"]
            var restores: [String] = []
            func describe(_ missing: ModelArtsAPI.MissingSource) {
                lines.append("  \(missing.sampleId)  \(missing.source)  \(LabelingOutput.deletionSummary(missing.deletedBy))")
                if let marker = missing.deletedBy?.deleteMarkerVersionId,
                    let command = LabelingOutput.restoreCommand(source: missing.source, deleteMarker: marker, s3Endpoint: s3Endpoint),
                    !restores.contains(command)
                {
                    restores.append(command)
                }
            }
            check.missingSamples.forEach(describe)
            for version in check.versions where !version.missing.isEmpty {
                lines.append(
                    "version \(version.versionName) (\(version.versionId)): "
                        + "\(version.missingSampleCount) of \(version.totalSampleCount) files missing"
                )
                version.missing.forEach(describe)
            }
            let unrestorable = (check.missingSamples + check.versions.flatMap(\.missing)).filter { $0.deletedBy?.deleteMarkerVersionId == nil }
            if !restores.isEmpty {
                lines.append("restore (remove the delete markers that hide the files):")
                lines += restores.map { "  " + $0 }
            }
            if !unrestorable.isEmpty {
                let files = LabelingOutput.counted(Set(unrestorable.map(\.source)).count, "file")
                lines.append(
                    "\(files) cannot be restored by obslab (no versions kept, or deleted outside the labeling layer): upload them again"
                )
            }
            if !check.missingSamples.isEmpty {
                lines.append("obslab sync \(check.datasetName) removes the samples whose files stay missing")
            }
            return lines
        }
    }
}
