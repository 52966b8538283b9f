import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab.SamplesCommand {
    /// `obslab samples delete`: the impact first, then (unless it is a dry run or breaks others without --force) the deletion.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete samples of a dataset, optionally with their source files, after showing what that breaks.",
            discussion: """
                Without --delete-source only the samples go: their objects stay, and the samples do not come back at the \
                next sync unless their object changes. With --delete-source the objects are deleted too, with their label \
                files (unless --keep-label-files), which breaks \
                other datasets with samples on them and the versions that list them: obslab then refuses unless --force. \
                On a bucket that keeps versions a deleted object hides behind a delete marker, and the command that \
                removes the marker (and so restores the object) is printed.
                """
        )

        @OptionGroup var api: LabelingOptions

        @Argument(help: "The dataset: name or id.") var dataset: String

        @Argument(help: "The ids of the samples to delete (`obslab samples list DATASET` shows them).") var samples: [String]

        @Flag(help: "Delete the samples' source objects too (ignored for text datasets).") var deleteSource = false

        @Flag(help: "With --delete-source, keep the samples' label files (by default they go with their source files).")
        var keepLabelFiles = false

        @Flag(help: "Show the impact and stop.") var dryRun = false

        @Flag(help: "Delete the source objects even when other datasets or versions use them.") var force = false

        func validate() throws {
            if samples.isEmpty { throw ValidationError("name at least one sample id.") }
            if keepLabelFiles && !deleteSource { throw ValidationError("--keep-label-files goes with --delete-source.") }
            if samples.count > ModelArtsAPI.DeleteSamples.maxSamples {
                throw ValidationError("at most \(ModelArtsAPI.DeleteSamples.maxSamples) samples at a time, not \(samples.count).")
            }
        }

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let path = ["datasets", dataset.datasetId, "data-annotations", "samples"]
            let request = ModelArtsAPI.DeleteSamples(samples: samples, deleteSource: deleteSource, keepLabelFiles: keepLabelFiles)
            let impact = try await client.call(.POST, path + ["delete-impact"], body: request, as: ModelArtsAPI.DeletionImpact.self)
            for line in LabelingOutput.impactReport(impact, sampleCount: samples.count, sourceRequested: deleteSource) { print(line) }
            let refused = impact.deleteSource && impact.breaksOthers && !force
            if dryRun {
                if refused { print("without --force this deletion is refused: it breaks \(LabelingOutput.brokenSummary(impact))") }
                print("dry run: nothing deleted")
                return
            }
            if refused {
                throw CLIError(
                    "deleting these source files breaks \(LabelingOutput.brokenSummary(impact)); nothing deleted. "
                        + "Add --force to delete them anyway, or leave out --delete-source to delete the samples only."
                )
            }
            let report = try await client.call(.POST, path + ["delete"], body: request, as: ModelArtsAPI.SampleDeletion.self)
            let deleted = report.results.filter(\.success).count
            print("deleted \(deleted) of \(samples.count) samples of dataset \(dataset.datasetName)")
            for (sample, result) in zip(samples, report.results) where !result.success {
                print("  \(sample)  NOT deleted, \(result.errorCode ?? "?"): \(result.errorMessage ?? "")")
            }
            if report.impact.deleteSource {
                print("source files:")
                let s3Endpoint = try api.s3URL()
                for file in report.impact.sourceFiles { print(LabelingOutput.outcomeLine(file, s3Endpoint: s3Endpoint)) }
                if !report.impact.labelFiles.isEmpty {
                    print("label files:")
                    for file in report.impact.labelFiles { print(LabelingOutput.outcomeLine(file, s3Endpoint: s3Endpoint)) }
                }
            }
            for other in report.impact.otherDatasets {
                print(
                    "dataset \(other.datasetName) keeps its \(LabelingOutput.counted(other.sampleCount, "sample")) on deleted files until it syncs; "
                        + "obslab dataset check-sources \(other.datasetName) shows them"
                )
            }
            if !report.success { throw ExitCode.failure }
        }
    }
}
