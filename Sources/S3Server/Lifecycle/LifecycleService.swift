import Logging
import ServiceLifecycle

/// The background task that applies the lifecycle rules every `interval` until the server shuts down.
struct LifecycleService: Service {
    let runner: LifecycleRunner
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                let report = await runner.runOnce()
                if report.expiredObjects + report.removedNoncurrentVersions + report.removedDeleteMarkers + report.abortedUploads > 0 {
                    runner.logger.info(
                        "lifecycle pass",
                        metadata: [
                            "lifecycle.expired": "\(report.expiredObjects)", "lifecycle.noncurrent": "\(report.removedNoncurrentVersions)",
                            "lifecycle.markers": "\(report.removedDeleteMarkers)", "lifecycle.aborted": "\(report.abortedUploads)",
                        ]
                    )
                }
            }
        }
    }
}
