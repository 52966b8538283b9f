import GRDB
import Synchronization

/// The buckets as last read, kept in memory: every request reads its bucket, and a bucket changes rarely.
///
/// It observes the catalog's `bucket` table (a GRDB transaction observer), so any committed change to a bucket row,
/// whatever statement made it, empties the cache. A read that raced a change does not store what it read: each read
/// notes the cache's generation first and stores its answer only if no commit happened since.
final class BucketCache: TransactionObserver, Sendable {
    private struct State {
        var buckets: [String: Bucket] = [:]
        var generation = 0
        /// A bucket row changed in the transaction being written; the cache is emptied when (and if) it commits.
        var changedInTransaction = false
    }

    private let state = Mutex(State())
    /// More buckets than this empties the cache rather than growing it (a data root has a few buckets).
    private static let capacity = 1024

    func bucket(_ name: String) -> Bucket? {
        state.withLock { $0.buckets[name] }
    }

    /// The generation to hand back to `store(_:readAt:)` with what a read then finds.
    var generation: Int {
        state.withLock { $0.generation }
    }

    /// Keeps `bucket`, read after `generation` was noted, unless a commit changed a bucket since.
    func store(_ bucket: Bucket, readAt generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.buckets.count >= Self.capacity { state.buckets.removeAll() }
            state.buckets[bucket.name] = bucket
        }
    }

    // MARK: TransactionObserver (called on the catalog's writer queue)

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == BucketRecord.databaseTableName
    }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.changedInTransaction = true }
    }

    func databaseDidCommit(_ db: Database) {
        state.withLock { state in
            guard state.changedInTransaction else { return }
            state.changedInTransaction = false
            state.generation += 1
            state.buckets.removeAll()
        }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.changedInTransaction = false }
    }
}
