import Dispatch
import Foundation
import Logging
import Synchronization
import Testing

@testable import ObjectStore

/// Blob renames are made durable outside the catalog's write transaction, in rounds shared by concurrent writers.
struct GroupCommitTests {
    /// Counts the flushes, each made as slow as a busy disk's (50 ms) on top of the real one, so concurrent writers overlap.
    final class SlowDiskFlush: Sendable {
        let flushes = Atomic<Int>(0)
        let foldersFlushed = Atomic<Int>(0)
        let real: RenameSyncGroup.Flush

        init(root: TemporaryDataRoot) {
            real = RenameSyncGroup.fileSystemFlush(root: root.path + "/.obslab")
        }

        func flush(_ folders: Set<String>) throws {
            flushes.add(1, ordering: .relaxed)
            foldersFlushed.add(folders.count, ordering: .relaxed)
            Thread.sleep(forTimeInterval: 0.05)
            try real(folders)
        }
    }

    static func open(_ root: TemporaryDataRoot, flush: @escaping RenameSyncGroup.Flush) async throws -> ObjectStore {
        let quiet = Logger(label: "obslab.tests", factory: { _ in SwiftLogNoOpLogHandler() })
        return try await ObjectStore.open(dataRoot: root.path, rootKey: root.rootKey, logger: quiet, flushRenames: flush)
    }

    @Test func concurrentPutsToDifferentBucketsShareTheirFlushes() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let disk = SlowDiskFlush(root: root)
        let store = try await Self.open(root, flush: disk.flush)
        defer { try? store.close() }
        let buckets = ["first", "second", "third", "fourth"]
        for bucket in buckets { _ = try await store.createBucket(bucket) }

        let writers = 32
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<writers {
                group.addTask { try await store.put(buckets[index % buckets.count], "object-\(index)", "body \(index)") }
            }
            try await group.waitForAll()
        }

        for index in 0..<writers {
            #expect(try await store.text(buckets[index % buckets.count], "object-\(index)") == "body \(index)")
        }
        let flushes = disk.flushes.load(ordering: .relaxed)
        #expect(flushes >= 1)
        #expect(flushes <= writers / 2, "\(writers) concurrent PUTs made \(flushes) flushes: they should share them")
        // Every blob's folder was in some round, though rounds were far fewer than PUTs.
        let blobs = try root.blobFiles()
        #expect(blobs.count == writers)
        #expect(disk.foldersFlushed.load(ordering: .relaxed) >= Set(blobs.map { $0.prefix(2) }).count)
    }

    @Test func aWriteWaitingForItsFlushDoesNotHoldUpTheCatalog() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let timedOut = Atomic<Bool>(false)
        let real = RenameSyncGroup.fileSystemFlush(root: root.path + "/.obslab")
        let store = try await Self.open(root) { folders in
            entered.signal()
            if release.wait(timeout: .now() + 10) == .timedOut { timedOut.store(true, ordering: .relaxed) }
            try real(folders)
        }
        defer { try? store.close() }
        _ = try await store.createBucket("slow")

        let put = Task { try await store.put("slow", "waiting", "flushed later") }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                entered.wait()
                continuation.resume()
            }
        }
        // The PUT is inside its flush: other writes of the catalog go on meanwhile.
        _ = try await store.createBucket("other")
        try await store.setVersioning("other", .enabled)
        #expect(try await store.listBuckets().map(\.name) == ["other", "slow"])
        release.signal()
        _ = try await put.value

        #expect(timedOut.load(ordering: .relaxed) == false, "the catalog writes waited for the flush")
        #expect(try await store.text("slow", "waiting") == "flushed later")
    }
}
