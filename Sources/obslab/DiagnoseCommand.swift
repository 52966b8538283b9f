import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab diagnose DATASET`: why the dataset's samples are unlabeled, and how to fix it.
    struct DiagnoseCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diagnose",
            abstract: "Explain why a dataset's samples are unlabeled, grouped by cause, with the commands that fix encryption or permissions.",
            discussion: "Reads what the last sync found: run `obslab sync DATASET` first."
        )

        @OptionGroup var api: LabelingOptions

        @Argument(help: "The dataset: name or id.") var dataset: String
        @Flag(help: "Print the diagnosis as JSON (the API's document).") var json = false
        @Option(help: "How many samples to show per cause.") var samples = 5

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let bytes = try await client.send(.GET, ["datasets", dataset.datasetId, "diagnosis"])
            if json {
                FileHandle.standardOutput.write(Data(bytes + [0x0A]))
                return
            }
            let diagnosis = try ModelArtsAPI.makeDecoder().decode(ModelArtsAPI.Diagnosis.self, from: Data(bytes))
            print(Self.report(diagnosis, samplesPerGroup: samples))
        }

        static func report(_ diagnosis: ModelArtsAPI.Diagnosis, samplesPerGroup: Int) -> String {
            var lines = [
                "dataset \(diagnosis.datasetName) (\(diagnosis.dataPath)): \(diagnosis.totalSampleCount) samples, "
                    + "\(diagnosis.annotatedSampleCount) labeled, \(diagnosis.unannotatedSampleCount) unlabeled"
            ]
            if let encryption = diagnosis.bucketEncryption {
                var text = "bucket default encryption: \(encryption.algorithm == "AES256" ? "SSE-S3 (AES256)" : "SSE-KMS")"
                if encryption.algorithm != "AES256" { text += ", key \(encryption.kmsKeyId ?? "obs/default")" }
                if let since = encryption.since {
                    text += ", since \(Self.timestamp(since))"
                }
                lines.append(text)
            } else {
                lines.append("bucket default encryption: none")
            }
            lines.append(diagnosis.encryptionIsCause ? "encryption IS a cause" : "encryption is not the cause")
            for group in diagnosis.groups {
                lines.append("")
                lines.append("\(group.sampleCount) unlabeled: \(group.cause)")
                lines.append("  \(group.explanation)")
                for sample in group.samples.prefix(samplesPerGroup) {
                    var text = "  - \(sample.source)"
                    if let line = sample.line { text += " line \(line)" }
                    if let sidecar = sample.sidecar { text += " (label file \(sidecar))" }
                    if let position = sample.position { text += " at \(position)" }
                    text += ": " + (sample.storageErrorCode.map { "\($0): " } ?? "") + sample.message
                    lines.append(text)
                }
                if group.samples.count > samplesPerGroup { lines.append("  ... and \(group.samples.count - samplesPerGroup) more") }
                for remediation in group.remediations ?? [] {
                    lines.append("  fix: \(remediation.command)")
                    lines.append("      \(remediation.description)")
                }
            }
            if !diagnosis.remediations.isEmpty {
                lines.append("")
                lines.append("fix (add --dry-run to see the plan first):")
                for remediation in diagnosis.remediations {
                    lines.append("  \(remediation.command)")
                    lines.append("      \(remediation.description)")
                }
            }
            if !diagnosis.oldLabelFiles.isEmpty {
                lines.append("")
                lines.append("\(diagnosis.oldLabelFiles.count) labeled by the label file of a deleted image:")
                lines.append(
                    "  These images were uploaded again after a sample deletion deleted the old ones, and took the old images' "
                        + "label files: check their labels, or delete the label file and sync.")
                for sample in diagnosis.oldLabelFiles.prefix(samplesPerGroup) {
                    lines.append(
                        "  - \(sample.source): \(sample.labelFile), kept when dataset \(sample.deletedBy) deleted the old image at "
                            + Self.timestamp(sample.deletedAt))
                }
                if diagnosis.oldLabelFiles.count > samplesPerGroup {
                    lines.append("  ... and \(diagnosis.oldLabelFiles.count - samplesPerGroup) more")
                }
            }
            if !diagnosis.notes.isEmpty {
                lines.append("")
                lines += diagnosis.notes.map { "note: \($0)" }
            }
            return lines.joined(separator: "\n")
        }

        static func timestamp(_ milliseconds: Int64) -> String {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
    }
}
