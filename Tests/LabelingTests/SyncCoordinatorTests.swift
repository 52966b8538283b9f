import Foundation
import Synchronization
import Testing

@testable import Labeling

/// Exclusive work (adds, manifest imports, deletions) and syncs of one dataset never overlap.
@Suite("Sync coordinator")
struct SyncCoordinatorTests {
    /// A door a task waits at until the test opens it.
    final class Gate: Sendable {
        private let stream: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream() }

        func wait() async { for await _ in stream { return } }

        func open() { continuation.yield() }
    }

    final class Log: Sendable {
        private let events = Mutex<[String]>([])

        func add(_ event: String) { events.withLock { $0.append(event) } }

        var all: [String] { events.withLock { $0 } }

        /// Waits (a few seconds at most) until `event` is logged.
        func waitFor(_ event: String) async throws {
            for _ in 0..<500 where !all.contains(event) { try await Task.sleep(for: .milliseconds(10)) }
            #expect(all.contains(event), "never logged: \(event)")
        }
    }

    static let report = SyncReport(
        id: "run", datasetId: "d", status: .succeeded, addedSampleCount: 0, deletedSampleCount: 0, totalSampleCount: 0,
        sidecarsRead: 0, sidecarsUnchanged: 0, startedAt: Date(), finishedAt: Date(), error: nil
    )

    @Test func exclusiveWorkWaitsForTheRunningSync() async throws {
        let coordinator = SyncCoordinator()
        let log = Log()
        let gate = Gate()
        async let sync = coordinator.run(datasetId: "d", progress: nil) { _ in
            log.add("sync started")
            await gate.wait()
            log.add("sync ended")
            return Self.report
        }
        try await log.waitFor("sync started")
        async let change: Void = coordinator.exclusive(datasetId: "d") { log.add("change") }
        try await Task.sleep(for: .milliseconds(100))
        #expect(!log.all.contains("change"))

        gate.open()
        _ = try await (sync, change)
        #expect(log.all == ["sync started", "sync ended", "change"])
    }

    @Test func aSyncAskedForDuringExclusiveWorkStartsAfterIt() async throws {
        let coordinator = SyncCoordinator()
        let log = Log()
        let gate = Gate()
        async let change: Void = coordinator.exclusive(datasetId: "d") {
            log.add("change started")
            await gate.wait()
            log.add("change ended")
        }
        try await log.waitFor("change started")
        async let sync = coordinator.run(datasetId: "d", progress: nil) { _ in
            log.add("sync")
            return Self.report
        }
        // Another dataset is not held up.
        _ = try await coordinator.run(datasetId: "other", progress: nil) { _ in
            log.add("other sync")
            return Self.report
        }
        #expect(!log.all.contains("sync"))

        gate.open()
        _ = try await (change, sync)
        #expect(log.all == ["change started", "other sync", "change ended", "sync"])
    }
}
