import Foundation
import Synchronization

/// The part of ``SyncScheduler`` that runs at most one sync per dataset: a sync asked for while one runs joins it, and
/// its caller gets that sync's report (and its progress from then on). Work that changes samples beside a sync (an add,
/// a manifest import, a sample deletion) runs exclusively: it waits for the running sync, and a sync asked for meanwhile
/// waits for it. A sync works from the samples it read when it started, and would otherwise take such changes for its
/// own to redo or undo.
actor SyncCoordinator {
    private enum Work {
        case sync(Task<SyncReport, any Error>, ProgressObservers)
        /// Exclusive work; the task ends when it does.
        case exclusive(Task<Void, Never>)
    }

    private var running: [String: (token: UUID, work: Work)] = [:]

    func run(
        datasetId: String,
        progress: (@Sendable (SyncProgress) -> Void)?,
        operation: @escaping @Sendable (ProgressObservers) async throws -> SyncReport
    ) async throws -> SyncReport {
        while let current = running[datasetId] {
            switch current.work {
            case .sync(let task, let observers):
                if let progress { observers.add(progress) }
                return try await task.value
            case .exclusive(let done):
                await done.value
            }
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
        running[datasetId] = (token, .sync(task, observers))
        return try await task.value
    }

    /// Runs `operation` with no sync of the dataset running: after the running one, and before any asked for meanwhile.
    func exclusive<Value: Sendable>(datasetId: String, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        while let current = running[datasetId] {
            switch current.work {
            case .sync(let task, _): _ = await task.result
            case .exclusive(let done): await done.value
            }
        }
        let token = UUID()
        // Unstructured for the same reason as a sync: once started, the change goes on to the end.
        let task = Task {
            do {
                let value = try await operation()
                self.finished(datasetId: datasetId, token: token)
                return value
            } catch {
                self.finished(datasetId: datasetId, token: token)
                throw error
            }
        }
        running[datasetId] = (token, .exclusive(Task { _ = await task.result }))
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
