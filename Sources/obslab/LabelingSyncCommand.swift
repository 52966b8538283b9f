import ArgumentParser
import Foundation
import NIOHTTP1
import ObslabAPI

extension Obslab {
    /// `obslab sync DATASET`: "Synchronize New Data", followed until it ends.
    struct SyncCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Synchronize a dataset with its input path, then its labeling jobs, and report what changed.",
            discussion: """
                New objects become samples, samples whose object is gone are removed, and label files are read again \
                only when their ETag changed (--reread-deleted-labels also reads those of the samples whose labels went \
                with the deleted default job). A progress bar on a terminal, a line every second otherwise.
                """
        )

        @OptionGroup var api: LabelingOptions

        @Argument(help: "The dataset: name or id.") var dataset: String

        @Flag(help: "Read again the label files of the samples whose labels went with the deleted default job.")
        var rereadDeletedLabels = false

        func run() async throws {
            let client = try api.client()
            let dataset = try await client.dataset(dataset)
            let statusPath = ["datasets", dataset.datasetId, "sync-data", "status"]
            let query = rereadDeletedLabels ? [("reread_deleted_labels", "true")] : []
            try await client.send(.POST, ["datasets", dataset.datasetId, "sync-data"], query: query)
            var progress = ProgressPrinter(onTerminal: isatty(STDOUT_FILENO) != 0)
            var status = try await client.call(.GET, statusPath, as: ModelArtsAPI.SyncStatus.self)
            while [ModelArtsAPI.SyncStatus.running, "QUEUING", "STARTING"].contains(status.status) {
                progress.show(status.progress)
                try await Task.sleep(for: .milliseconds(200))
                status = try await client.call(.GET, statusPath, as: ModelArtsAPI.SyncStatus.self)
            }
            progress.finish()
            guard status.status == ModelArtsAPI.SyncStatus.completed else {
                throw CLIError(
                    "sync of \(dataset.datasetName) \(status.status): \(status.errorCode ?? "?"): \(status.errorMessage ?? "no reason given")"
                )
            }
            let after = try await client.call(.GET, ["datasets", dataset.datasetId], as: ModelArtsAPI.Dataset.self)
            let unlabeled = after.totalSampleCount - after.annotatedSampleCount
            let seconds = Double(status.durationTime ?? 0) / 1000
            print(
                "synced \(after.datasetName) in \(String(format: "%.1f", seconds)) s: added \(status.addSampleCount ?? 0), "
                    + "deleted \(status.deletedSampleCount ?? 0), total \(status.totalSampleCount ?? after.totalSampleCount)"
            )
            print("labeled \(after.annotatedSampleCount), unlabeled \(unlabeled)")
            if let read = status.sidecarsRead, let unchanged = status.sidecarsUnchanged {
                print("label files read \(read), unchanged and not read again \(unchanged)")
            }
            if unlabeled > 0 {
                print("why unlabeled: obslab samples list \(after.datasetName) --state unlabeled")
            }
        }
    }
}

/// A sync's progress: a redrawn bar on a terminal, plain lines at most once a second otherwise (logs, pipes).
struct ProgressPrinter {
    let onTerminal: Bool
    private var lastLine = ""
    private var lastPrinted = ContinuousClock.now - .seconds(10)

    init(onTerminal: Bool) {
        self.onTerminal = onTerminal
    }

    mutating func show(_ progress: ModelArtsAPI.SyncProgress?) {
        let line = Self.describe(progress)
        guard line != lastLine else { return }
        if onTerminal {
            writeOut("\r\u{1B}[K" + line)
        } else if ContinuousClock.now - lastPrinted >= .seconds(1) {
            writeOut(line + "\n")
            lastPrinted = .now
        } else {
            return
        }
        lastLine = line
    }

    /// Clears the bar so that the summary starts on a clean line.
    func finish() {
        if onTerminal && !lastLine.isEmpty { writeOut("\r\u{1B}[K") }
    }

    static func describe(_ progress: ModelArtsAPI.SyncProgress?) -> String {
        guard let progress else { return "syncing: starting" }
        guard let total = progress.total, total > 0 else { return "syncing: listing, \(progress.listed) objects so far" }
        let width = 30
        let done = min(width, progress.processed * width / total)
        let bar = String(repeating: "#", count: done) + String(repeating: ".", count: width - done)
        return "syncing [\(bar)] \(progress.processed)/\(total) files (\(progress.processed * 100 / total)%)"
    }

    private func writeOut(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
