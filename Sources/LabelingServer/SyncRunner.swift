import Foundation
import Labeling
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the syncs the API starts, in the background, one at a time per dataset, and remembers how each went.
///
/// `POST …/sync-data` returns at once. The status says RUNNING from that moment, not only once the sync is under way,
/// so a client polling right after its POST never reads the previous sync's result. A sync asked for while one runs
/// is run again right after it, so that objects uploaded meanwhile are not missed.
final class SyncRunner: Service, Sendable {
    struct Run: Sendable {
        var taskId: String
        var startedAt: Date
        var progress: SyncProgress?
        /// Another sync was asked for while this one ran.
        var rerun = false
        /// nil while the sync runs.
        var outcome: Outcome?
    }

    enum Outcome: Sendable {
        case finished(SyncReport)
        case failed(ModelArtsError, finishedAt: Date)
    }

    let service: LabelingService
    let logger: Logger
    private let runs = Mutex<[String: Run]>([:])
    private let requests: AsyncStream<String>
    private let requestContinuation: AsyncStream<String>.Continuation

    init(service: LabelingService, logger: Logger) {
        self.service = service
        self.logger = logger
        (requests, requestContinuation) = AsyncStream.makeStream(of: String.self)
    }

    /// Starts a sync of the dataset, or asks the running one to run once more.
    func start(datasetId: String) {
        let isNew = runs.withLock { runs in
            if var run = runs[datasetId], run.outcome == nil {
                run.rerun = true
                runs[datasetId] = run
                return false
            }
            runs[datasetId] = Run(taskId: Self.newTaskId(), startedAt: Date())
            return true
        }
        if isNew { requestContinuation.yield(datasetId) }
    }

    /// The run the API last started for the dataset, nil when it started none since the server started.
    func lastRun(datasetId: String) -> Run? {
        runs.withLock { $0[datasetId] }
    }

    func isRunning(datasetId: String) -> Bool {
        lastRun(datasetId: datasetId).map { $0.outcome == nil } ?? false
    }

    /// Forgets a deleted dataset's runs.
    func forget(datasetId: String) {
        _ = runs.withLock { $0.removeValue(forKey: datasetId) }
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                for await datasetId in requests {
                    group.addTask { await self.perform(datasetId) }
                }
            } onGracefulShutdown: {
                self.requestContinuation.finish()
            }
            // A sync can take minutes on a large bucket: shutting down does not wait for it.
            group.cancelAll()
        }
    }

    private func perform(_ datasetId: String) async {
        while true {
            let outcome: Outcome
            do {
                let report = try await service.sync(datasetId: datasetId) { progress in self.record(progress, datasetId: datasetId) }
                outcome = .finished(report)
            } catch {
                logger.warning("labeling sync failed", metadata: ["labeling.dataset": "\(datasetId)", "labeling.error": "\(error)"])
                outcome = .failed(ModelArtsError(error), finishedAt: Date())
            }
            let runAgain = runs.withLock { runs in
                guard var run = runs[datasetId] else { return false }
                if run.rerun && !Task.isCancelled {
                    runs[datasetId] = Run(taskId: Self.newTaskId(), startedAt: Date())
                    return true
                }
                run.outcome = outcome
                runs[datasetId] = run
                return false
            }
            if !runAgain { return }
        }
    }

    private func record(_ progress: SyncProgress, datasetId: String) {
        runs.withLock { runs in
            guard runs[datasetId]?.outcome == nil else { return }
            runs[datasetId]?.progress = progress
        }
    }

    /// 32 lowercase hex digits, like the other ids of the API.
    static func newTaskId() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
