import Foundation
import GRDB
import NIOCore
import Testing

@testable import ObjectStore

/// A write whose catalog commit fails after its blob was moved into `blobs/` (a full disk fails the WAL append of the
/// COMMIT): the write is refused as InsufficientStorageSpace, its blob file goes with it, and what was stored stays.
struct FailedCommitTests {
    /// Vetoes the next commit as a full disk would.
    final class FullDiskAtCommit: TransactionObserver {
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseWillCommit() throws { throw DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full") }
        func databaseDidCommit(_ db: Database) {}
        func databaseDidRollback(_ db: Database) {}
    }

    @Test func aRefusedCommitLeavesNoBlobAndKeepsTheOldVersion() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("full")
            try await store.put("full", "kept", "stored before the disk filled up")
            let blobsBefore = try root.blobFiles()

            for key in ["kept", "new"] {
                store.catalog.writer.add(transactionObserver: FullDiskAtCommit(), extent: .nextTransaction)
                let error = await #expect(throws: (any Error).self) { try await store.put("full", key, randomBytes(70_000)) }
                let refusal = try #require(error.flatMap { StoreError.insufficientStorage(from: $0) })
                #expect(refusal.httpStatus == 507)
                #expect(refusal.s3Code == "InsufficientStorageSpace")
                #expect(try root.blobFiles() == blobsBefore, "the refused write's blob file is removed")
                #expect(try root.stagingFiles() == [])
            }
            #expect(try await store.text("full", "kept") == "stored before the disk filled up")
            #expect(await storeErrorCode { try await store.headObject(bucket: "full", key: "new", versionId: nil) } == .noSuchKey)

            try await store.put("full", "new", "space is back")
            #expect(try await store.text("full", "new") == "space is back")
        }
    }

    @Test func onlyRunningOutOfSpaceIsInsufficientStorage() {
        #expect(StoreError.insufficientStorage(from: IOError(errnoCode: ENOSPC, reason: "write")) != nil)
        #expect(StoreError.insufficientStorage(from: IOError(errnoCode: EDQUOT, reason: "write")) != nil)
        #expect(StoreError.insufficientStorage(from: IOError(errnoCode: EIO, reason: "write")) == nil)
        #expect(StoreError.insufficientStorage(from: DatabaseError(resultCode: .SQLITE_BUSY)) == nil)
    }
}
