import Foundation
import Logging
import Synchronization
import Testing

@testable import Labeling

/// The background syncs the API starts: recorded as running at once, run again when asked meanwhile, and remembered.
@Suite("Sync scheduler")
struct SyncSchedulerTests {
    static func report(_ id: String) -> SyncReport {
        SyncReport(
            id: id, datasetId: "d", status: .succeeded, addedSampleCount: 0, deletedSampleCount: 0, totalSampleCount: 0,
            sidecarsRead: 0, sidecarsUnchanged: 0, startedAt: Date(), finishedAt: Date(), error: nil
        )
    }

    /// Waits (a few seconds at most) until the dataset's run has an outcome.
    static func outcome(_ scheduler: SyncScheduler, _ datasetId: String) async throws -> SyncScheduler.Outcome? {
        for _ in 0..<500 {
            if let outcome = scheduler.lastRun(datasetId: datasetId)?.outcome { return outcome }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    @Test func aScheduledSyncIsRunningAtOnceThenFinishedWithItsReportAndProgress() async throws {
        let scheduler = SyncScheduler(logger: Logger(label: "test"))
        let service = Task { try await scheduler.run() }
        defer { service.cancel() }
        let gate = SyncCoordinatorTests.Gate()
        #expect(scheduler.lastRun(datasetId: "d") == nil)

        scheduler.schedule(datasetId: "d") { progress in
            progress(SyncProgress(listed: 3, processed: 1, total: 3))
            await gate.wait()
            return Self.report("first")
        }
        let running = try #require(scheduler.lastRun(datasetId: "d"))
        #expect(running.outcome == nil, "running from the moment it is asked")
        for _ in 0..<500 where scheduler.lastRun(datasetId: "d")?.progress == nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(scheduler.lastRun(datasetId: "d")?.progress?.processed == 1)
        gate.open()

        guard case .finished(let report) = try await Self.outcome(scheduler, "d") else {
            Issue.record("the sync did not finish")
            return
        }
        #expect(report.id == "first")
        scheduler.forget(datasetId: "d")
        #expect(scheduler.lastRun(datasetId: "d") == nil)
    }

    @Test func aSyncAskedForWhileOneRunsRunsOnceMoreAfterIt() async throws {
        let scheduler = SyncScheduler(logger: Logger(label: "test"))
        let service = Task { try await scheduler.run() }
        defer { service.cancel() }
        let gate = SyncCoordinatorTests.Gate()
        let calls = Atomic<Int>(0)
        let operation: SyncScheduler.Operation = { _ in
            let call = calls.add(1, ordering: .relaxed).newValue
            if call == 1 { await gate.wait() }
            return Self.report("run \(call)")
        }
        scheduler.schedule(datasetId: "d", operation: operation)
        scheduler.schedule(datasetId: "d", operation: operation)
        scheduler.schedule(datasetId: "d", operation: operation)
        gate.open()

        guard case .finished(let report) = try await Self.outcome(scheduler, "d") else {
            Issue.record("the sync did not finish")
            return
        }
        #expect(report.id == "run 2", "asked twice meanwhile: one more run, not two")
        #expect(calls.load(ordering: .relaxed) == 2)
    }

    @Test func aFailedSyncKeepsItsError() async throws {
        let scheduler = SyncScheduler(logger: Logger(label: "test"))
        let service = Task { try await scheduler.run() }
        defer { service.cancel() }
        scheduler.schedule(datasetId: "d") { _ in throw LabelingError.datasetNotFound("d") }
        guard case .failed(let error, _) = try await Self.outcome(scheduler, "d") else {
            Issue.record("the sync did not fail")
            return
        }
        #expect(error is LabelingError)
    }
}
