import Foundation
import ObslabAPI

/// How versions, deletion impacts and source checks read on the command line.
extension LabelingOutput {
    /// How many affected samples or files to name per dataset or version before `... and N more`.
    static let namedPerGroup = 10

    /// `samples: 4 (labeled 3, unlabeled 1)`.
    static func sampleSummary(_ version: ModelArtsAPI.Version) -> String {
        let unlabeled = version.totalSampleCount - version.annotatedSampleCount
        return "samples: \(version.totalSampleCount) (labeled \(version.annotatedSampleCount), unlabeled \(unlabeled))"
    }

    /// `changes: added 1, modified 2, deleted 0 (against the previous version)`.
    static func changeSummary(_ version: ModelArtsAPI.Version) -> String {
        let against = version.previousVersionId == nil ? "first version" : "against the previous version"
        return "changes: added \(version.addSampleCount), modified \(version.modifiedSampleCount), "
            + "deleted \(version.deletedSampleCount) (\(against))"
    }

    /// The impact of a sample deletion, before it is done: the files that go and what else loses them.
    static func impactReport(_ impact: ModelArtsAPI.DeletionImpact, sampleCount: Int, sourceRequested: Bool) -> [String] {
        let what = "\(counted(sampleCount, "sample")) of dataset \(impact.datasetName) (\(impact.datasetId))"
        guard impact.deleteSource else {
            let why =
                sourceRequested
                ? "a text dataset's samples are lines of shared files, so --delete-source does not apply"
                : "add --delete-source to delete them too"
            return ["deleting \(what); their source files stay (\(why)); nothing else changes"]
        }
        var lines = ["deleting \(what) with their source files"]
        lines.append("source files that go (\(impact.sourceFiles.count)):")
        for file in impact.sourceFiles {
            switch file.versioningEnabled {
            case true?: lines.append("  \(file.source)  (restorable: the bucket keeps versions)")
            case false?: lines.append("  \(file.source)  (gone for good: the bucket keeps no versions)")
            case nil: lines.append("  \(file.source)")
            }
        }
        if !impact.labelFiles.isEmpty {
            let fate =
                impact.keepLabelFiles
                ? "kept (--keep-label-files): an image uploaded again under the same name picks up these labels"
                : "go too (--keep-label-files keeps them)"
            lines.append("their label files \(fate) (\(impact.labelFiles.count)):")
            lines += impact.labelFiles.map { "  \($0.source)" }
        }
        guard impact.breaksOthers else {
            lines.append("no other dataset and no version uses these files")
            return lines
        }
        if !impact.otherDatasets.isEmpty {
            lines.append("other datasets that lose samples (\(impact.otherDatasets.count)):")
            for dataset in impact.otherDatasets {
                lines.append("  \(dataset.datasetName) (\(dataset.datasetId)): \(counted(dataset.sampleCount, "sample"))")
                lines += named(dataset.samples.map { "\($0.sampleId)  \($0.source)" }, total: dataset.sampleCount, indent: "    ")
            }
        }
        if !impact.versions.isEmpty {
            lines.append("versions that lose files (\(impact.versions.count)):")
            for version in impact.versions {
                lines.append(
                    "  \(version.datasetName)/\(version.versionName) (\(version.versionId)): "
                        + "\(version.affectedSampleCount) of \(version.totalSampleCount) files"
                )
                lines += named(version.sources, total: version.sources.count, indent: "    ")
            }
        }
        return lines
    }

    /// `dataset B (2 samples), version B/V001 (2 of 4 files)`: what a deletion breaks, in one line.
    static func brokenSummary(_ impact: ModelArtsAPI.DeletionImpact) -> String {
        let datasets = impact.otherDatasets.map { "dataset \($0.datasetName) (\(counted($0.sampleCount, "sample")))" }
        let versions = impact.versions.map {
            "version \($0.datasetName)/\($0.versionName) (\($0.affectedSampleCount) of \($0.totalSampleCount) files)"
        }
        return (datasets + versions).joined(separator: ", ")
    }

    /// What became of a source file: `deleted`, a delete marker with the command that removes it, or the refusal.
    static func outcomeLine(_ file: ModelArtsAPI.SourceFile, s3Endpoint: URL) -> String {
        guard let outcome = file.outcome else { return "  \(file.source)  kept" }
        switch outcome.status {
        case ModelArtsAPI.SourceDeletionOutcome.deleted:
            return "  \(file.source)  deleted"
        case ModelArtsAPI.SourceDeletionOutcome.deleteMarker:
            let marker = outcome.deleteMarkerVersionId ?? "?"
            let restore = restoreCommand(source: file.source, deleteMarker: marker, s3Endpoint: s3Endpoint).map { "; restore: \($0)" } ?? ""
            return "  \(file.source)  hidden behind delete marker \(marker)\(restore)"
        default:
            return "  \(file.source)  NOT deleted, \(outcome.errorCode ?? outcome.status): \(outcome.errorMessage ?? "") (its samples are kept)"
        }
    }

    /// `deleted by dataset A with its sample 1f… at 2026-11-29T21:40:00Z`, or that obslab does not know who.
    static func deletionSummary(_ record: ModelArtsAPI.SourceDeletionRecord?) -> String {
        guard let record else { return "deleted outside the labeling layer" }
        return "deleted by dataset \(record.datasetName) with its sample \(record.sampleId) at \(date(milliseconds: record.time))"
    }

    /// `1 sample`, `2 samples`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// The aws CLI command that deletes a delete marker, which brings the file hidden behind it back, on `s3Endpoint`.
    static func restoreCommand(source: String, deleteMarker: String, s3Endpoint: URL) -> String? {
        guard source.hasPrefix("obs://"), let slash = source.dropFirst("obs://".count).firstIndex(of: "/") else { return nil }
        let bucket = String(source[source.index(source.startIndex, offsetBy: "obs://".count)..<slash])
        let key = String(source[source.index(after: slash)...])
        let endpoint = s3Endpoint.absoluteString
        return ["aws", "s3api", "delete-object", "--bucket", bucket, "--key", key, "--version-id", deleteMarker, "--endpoint-url", endpoint]
            .map(shellQuoted).joined(separator: " ")
    }

    /// A word as a POSIX shell reads it back: as it is when it is plain, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@%+,")
        if !word.isEmpty && word.unicodeScalars.allSatisfy(plain.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The first `namedPerGroup` items, one a line, then how many more there are.
    private static func named(_ items: [String], total: Int, indent: String) -> [String] {
        var lines = items.prefix(namedPerGroup).map { indent + $0 }
        if total > lines.count { lines.append("\(indent)... and \(total - lines.count) more") }
        return lines
    }
}
