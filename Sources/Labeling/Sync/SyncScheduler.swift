import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Every sync of the labeling layer, and the one place their state lives while the process runs.
///
/// - At most one sync per dataset: a sync asked for while one runs joins it (``SyncCoordinator``), and work that
///   changes samples beside a sync (an add, an import, a deletion) runs exclusively.
/// - `schedule(datasetId:)`, the API's "Synchronize New Data", returns at once: the run is recorded as running from that
///   moment, so a client polling right after its request never reads the previous sync's result. The scheduler, a
///   `Service`, runs it in the background, and once more right after if asked again meanwhile, so that objects uploaded
///   during a sync are not missed. At graceful shutdown it starts no new sync and waits for the running ones: their
///   reports are then in the catalog, not lost halfway.
public final class SyncScheduler: Service, Sendable {
    /// A sync scheduled in the background, as the API last started it for a dataset.
    public struct Run: Sendable {
        public var startedAt: Date
        public var progress: SyncProgress?
        /// Another sync was asked for while this one ran.
        var rerun = false
        /// nil while the sync runs.
        public var outcome: Outcome?
    }

    public enum Outcome: Sendable {
        case finished(SyncReport)
        case failed(any Error, finishedAt: Date)
    }

    typealias Operation = @Sendable (_ progress: @escaping @Sendable (SyncProgress) -> Void) async throws -> SyncReport

    /// The syncs and exclusive work running now, per dataset.
    let coordinator = SyncCoordinator()
    private let logger: Logger
    private let runs = Mutex<[String: Run]>([:])
    /// Set at graceful shutdown: no sync starts after it.
    private let isShuttingDown = Mutex(false)
    private let requests: AsyncStream<(datasetId: String, operation: Operation)>
    private let requestContinuation: AsyncStream<(datasetId: String, operation: Operation)>.Continuation

    init(logger: Logger) {
        self.logger = logger
        (requests, requestContinuation) = AsyncStream.makeStream(of: (datasetId: String, operation: Operation).self)
    }

    /// Starts `operation`, a sync of the dataset, in the background, or asks the running one to run once more.
    func schedule(datasetId: String, operation: @escaping Operation) {
        let isNew = runs.withLock { runs in
            if var run = runs[datasetId], run.outcome == nil {
                run.rerun = true
                runs[datasetId] = run
                return false
            }
            runs[datasetId] = Run(startedAt: Date())
            return true
        }
        if isNew { requestContinuation.yield((datasetId, operation)) }
    }

    /// The run last scheduled for the dataset, nil when none was since the process started.
    func lastRun(datasetId: String) -> Run? {
        runs.withLock { $0[datasetId] }
    }

    /// Forgets a deleted dataset's runs.
    func forget(datasetId: String) {
        _ = runs.withLock { $0.removeValue(forKey: datasetId) }
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                for await request in requests {
                    group.addTask { await self.perform(request.datasetId, request.operation) }
                }
            } onGracefulShutdown: {
                self.isShuttingDown.withLock { $0 = true }
                self.requestContinuation.finish()
            }
            let running = runs.withLock { $0.values.filter { $0.outcome == nil }.count }
            if running > 0 {
                logger.notice("waiting for the running labeling syncs to finish", metadata: ["labeling.syncs": "\(running)"])
            }
        }
    }

    private func perform(_ datasetId: String, _ operation: Operation) async {
        while true {
            let outcome: Outcome
            do {
                outcome = .finished(try await operation { progress in self.record(progress, datasetId: datasetId) })
            } catch {
                logger.warning("labeling sync failed", metadata: ["labeling.dataset": "\(datasetId)", "labeling.error": "\(error)"])
                outcome = .failed(error, finishedAt: Date())
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
