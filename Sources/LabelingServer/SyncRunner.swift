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
    /// Set on graceful shutdown: no sync starts after it.
    private let isShuttingDown = Mutex(false)
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
            runs[datasetId] = Run(startedAt: Date())
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
                self.isShuttingDown.withLock { $0 = true }
                self.requestContinuation.finish()
            }
            // The Labeling module finishes a sync even when its caller goes away, so shutting down waits for the
            // running ones: their reports are then in the catalog, not lost halfway.
            let running = runs.withLock { $0.values.filter { $0.outcome == nil }.count }
            if running > 0 {
                logger.notice("waiting for the running labeling syncs to finish", metadata: ["labeling.syncs": "\(running)"])
            }
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
            let shuttingDown = isShuttingDown.withLock { $0 }
            let runAgain = runs.withLock { runs in
                guard var run = runs[datasetId] else { return false }
                if run.rerun && !shuttingDown {
                    runs[datasetId] = Run(startedAt: Date())
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
}
