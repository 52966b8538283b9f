import Logging
import ServiceLifecycle

/// Runs the tasks the API starts (auto grouping, exports) in the background, so that their `POST` answers at once and
/// their progress can be watched. A graceful shutdown starts no new task and waits for the running ones: their
/// outcome is then in the catalog, not lost halfway.
final class BackgroundTasks: Service, Sendable {
    typealias Work = @Sendable () async -> Void

    let logger: Logger
    private let works: AsyncStream<Work>
    private let continuation: AsyncStream<Work>.Continuation

    init(logger: Logger) {
        self.logger = logger
        (works, continuation) = AsyncStream.makeStream(of: Work.self)
    }

    /// Runs the work of a task the service has recorded as running; after shutdown began, the work does not run, the
    /// task stays running in the catalog and its history says it was interrupted.
    func run(_ work: @escaping Work) {
        continuation.yield(work)
    }

    func run() async throws {
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                for await work in works {
                    group.addTask { await work() }
                }
            } onGracefulShutdown: {
                self.continuation.finish()
            }
        }
    }
}
