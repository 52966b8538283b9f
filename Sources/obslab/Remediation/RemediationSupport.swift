import Foundation
import NIOHTTP1
import ObslabAPI
import S3Client
import S3Documents

/// What both remediations share: the dataset's input path, a progress line, the sync that ends them.
enum RemediationSupport {
    /// `(bucket, prefix)` of a ModelArts data path (`/bucket/prefix/`) or an `obs://` URL.
    static func inputPath(of dataset: ModelArtsAPI.Dataset) throws -> (bucket: String, prefix: String) {
        guard var path = dataset.dataSources.first?.dataPath else { throw CLIError("dataset \(dataset.datasetName) has no input path") }
        for scheme in ["obs://", "s3://", "/"] where path.hasPrefix(scheme) {
            path = String(path.dropFirst(scheme.count))
            break
        }
        let bucket = String(path.prefix { $0 != "/" })
        var prefix = String(path.dropFirst(bucket.count).drop { $0 == "/" })
        if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
        return (bucket, prefix)
    }

    static func bytes(_ count: Int64) -> String {
        ByteCountFormatter.string(fromByteCount: count, countStyle: .binary)
    }

    /// Runs "Synchronize New Data" and waits for it; the dataset as it is afterwards.
    static func sync(_ client: LabelingClient, datasetId: String) async throws -> ModelArtsAPI.Dataset {
        let statusPath = ["datasets", datasetId, "sync-data", "status"]
        try await client.send(.POST, ["datasets", datasetId, "sync-data"])
        var status = try await client.call(.GET, statusPath, as: ModelArtsAPI.SyncStatus.self)
        while [ModelArtsAPI.SyncStatus.running, "QUEUING", "STARTING"].contains(status.status) {
            try await Task.sleep(for: .milliseconds(200))
            status = try await client.call(.GET, statusPath, as: ModelArtsAPI.SyncStatus.self)
        }
        guard status.status == ModelArtsAPI.SyncStatus.completed else {
            throw CLIError("the sync failed: \(status.errorCode ?? "?"): \(status.errorMessage ?? "no reason given")")
        }
        return try await client.call(.GET, ["datasets", datasetId], as: ModelArtsAPI.Dataset.self)
    }

    static func counts(_ dataset: ModelArtsAPI.Dataset) -> String {
        "\(dataset.annotatedSampleCount) of \(dataset.totalSampleCount) samples labeled"
    }

    /// Writes to stdout at once, unbuffered, so that a reader of a pipe sees each line as it happens.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}

/// A redrawn "n/total objects" line on a terminal; with `--verbose`, a line per object instead.
struct RemediationProgress {
    let total: Int
    let totalBytes: Int64
    let verbose: Bool
    let onTerminal = isatty(STDOUT_FILENO) != 0
    private(set) var done = 0
    private(set) var doneBytes: Int64 = 0

    init(total: Int, totalBytes: Int64, verbose: Bool) {
        self.total = total
        self.totalBytes = totalBytes
        self.verbose = verbose
    }

    /// Does one object's work, then counts it; a failure ends the progress line before it is reported.
    mutating func step(_ verb: String, _ object: ListedObject, _ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch {
            finish()
            throw error
        }
        step(verb, object)
    }

    private mutating func step(_ verb: String, _ object: ListedObject) {
        done += 1
        doneBytes += object.size
        if verbose {
            RemediationSupport.say("\(verb) \(object.key) (\(done)/\(total))")
        } else if onTerminal {
            let width = 30
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            let line =
                "\(verb) [\(bar)] \(done)/\(total) objects, "
                + "\(RemediationSupport.bytes(doneBytes)) of \(RemediationSupport.bytes(totalBytes))"
            FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + line).utf8))
        }
    }

    func finish() {
        if onTerminal && !verbose && total > 0 { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
    }
}
