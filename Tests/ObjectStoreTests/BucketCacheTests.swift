import GRDB
import Testing

@testable import ObjectStore

/// Buckets are read from memory after the first read; every committed change to a bucket row, whichever statement made
/// it, is seen by the next read.
struct BucketCacheTests {
    @Test func everyChangeToABucketIsSeenByTheNextRead() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("cached")
            #expect(try await store.bucket("cached").versioning == .unversioned)
            #expect(store.catalog.bucketCache.bucket("cached") != nil, "the first read keeps the bucket")

            try await store.setVersioning("cached", .enabled)
            #expect(try await store.bucket("cached").versioning == .enabled)

            // A statement no intent method of the bucket cache knows about.
            try await store.catalog.writer.write { db in
                try db.execute(sql: "UPDATE bucket SET policy = ? WHERE name = ?", arguments: ["{}", "cached"])
            }
            #expect(try await store.bucket("cached").policy == "{}")

            try await store.deleteBucket("cached")
            await #expect(throws: StoreError.self) { try await store.bucket("cached") }
        }
    }

    @Test func aChangeRolledBackKeepsWhatWasRead() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("kept")
            _ = try await store.bucket("kept")
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await store.catalog.writer.write { db in
                    try db.execute(sql: "UPDATE bucket SET policy = ? WHERE name = ?", arguments: ["{}", "kept"])
                    throw Refused()
                }
            }
            #expect(try await store.bucket("kept").policy == nil)
        }
    }

    @Test func aReadThatRacedACommitIsNotKept() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("raced")
            let cache = store.catalog.bucketCache
            let noted = cache.generation
            let before = try await store.catalog.writer.read { db in try ObjectCatalog.fetchBucket(db, "raced").bucket }
            try await store.setVersioning("raced", .enabled)  // commits between the read and its storing
            cache.store(before, readAt: noted)
            #expect(cache.bucket("raced") == nil)
            #expect(try await store.bucket("raced").versioning == .enabled)
        }
    }
}
