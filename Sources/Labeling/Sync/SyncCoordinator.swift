import Foundation
import Synchronization

/// Runs at most one sync per dataset: a sync asked for while one runs joins it, and its caller gets that sync's report
/// (and its progress from then on).
actor SyncCoordinator {
    private struct Running {
        var token: UUID
        var task: Task<SyncReport, any Error>
        var observers: ProgressObservers
    }

    private var running: [String: Running] = [:]

    func run(
        datasetId: String,
        progress: (@Sendable (SyncProgress) -> Void)?,
        operation: @escaping @Sendable (ProgressObservers) async throws -> SyncReport
    ) async throws -> SyncReport {
        if let current = running[datasetId] {
            if let progress { current.observers.add(progress) }
            return try await current.task.value
        }
        let token = UUID()
        let observers = ProgressObservers()
        if let progress { observers.add(progress) }
        // Unstructured: a sync goes on to the end even when the caller that started it goes away.
        // It runs on this actor (only `operation` runs outside it) and leaves `running` itself before it ends, so that
        // no caller can join a sync that has already finished.
        let task = Task {
            do {
                let report = try await operation(observers)
                self.finished(datasetId: datasetId, token: token)
                return report
            } catch {
                self.finished(datasetId: datasetId, token: token)
                throw error
            }
        }
        running[datasetId] = Running(token: token, task: task, observers: observers)
        return try await task.value
    }

    private func finished(datasetId: String, token: UUID) {
        if running[datasetId]?.token == token { running[datasetId] = nil }
    }
}

/// The progress callbacks of the callers waiting on one sync.
final class ProgressObservers: Sendable {
    private let callbacks = Mutex<[@Sendable (SyncProgress) -> Void]>([])

    func add(_ callback: @escaping @Sendable (SyncProgress) -> Void) {
        callbacks.withLock { $0.append(callback) }
    }

    func report(_ progress: SyncProgress) {
        for callback in callbacks.withLock({ $0 }) { callback(progress) }
    }
}
