import Logging
import ServiceLifecycle

/// Closes a resource that the servers use (the object store, the labeling catalog) when the service group shuts down.
///
/// The group shuts its services down in the reverse order of its list, each once the one after it has finished: listed
/// first, a resource closes only after the servers and background runners that use it have stopped.
struct ClosingService: Service {
    let name: String
    let logger: Logger
    let close: @Sendable () throws -> Void

    func run() async throws {
        // Returns at graceful shutdown and throws when the group is cancelled: the resource is closed either way.
        try? await gracefulShutdown()
        do {
            try close()
            logger.info("closed the \(name)")
        } catch {
            logger.error("could not close the \(name): \(error)")
            throw error
        }
    }
}
