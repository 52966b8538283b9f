import Foundation
import KeyManagement
import Testing

@testable import ObjectStore

/// OBS's operations that change an object in place: append upload, and rename and truncate in parallel file systems.
struct FileOperationsTests {
    @Test func appendsGrowOnlyAppendableObjectsAndReplaceTheBlob() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("logs")
            let staged = try await store.stage(Chunks([Array("ab".utf8)]))
            let first = try await store.putObject(bucket: "logs", key: "k", staged: staged, attributes: ObjectAttributes(), appendable: true)
            #expect(first.isAppendable)
            let more = try await store.stageAppend(Chunks([Array("cd".utf8)]), to: first, access: .owner)
            let grown = try await store.appendObject(first, staged: more)
            #expect(grown.size == 4)
            #expect(grown.etag == md5Hex(Array("abcd".utf8)))
            #expect(try await store.text("logs", "k") == "abcd")
            #expect(try root.blobFiles().count == 1)
            // The version read before the append is stale now: a second append from it loses the race.
            let late = try await store.stageAppend(Chunks([Array("x".utf8)]), to: first, access: .owner)
            #expect(await storeErrorCode { try await store.appendObject(first, staged: late) } == .positionNotEqualToLength)
            #expect(try root.stagingFiles().isEmpty)
            #expect(try root.blobFiles().count == 1)
        }
    }

    @Test func renameReplacesTheTargetAndTruncateCutsInPlace() async throws {
        try await withStore { store, root in
            let bucket = try await store.createBucket("files", fileSystem: true)
            #expect(bucket.isFileSystem)
            #expect(await storeErrorCode { try await store.setVersioning("files", .enabled) } == .invalidRequest)
            #expect(await storeErrorCode { try await store.createBucket("both", objectLock: true, fileSystem: true) } == .invalidRequest)
            try await store.put("files", "a", "0123456789")
            try await store.put("files", "b", "old")
            try await store.renameObject(bucket: "files", key: "a", to: "b")
            #expect(try await store.text("files", "b") == "0123456789")
            #expect(await storeErrorCode { try await store.headObject(bucket: "files", key: "a", versionId: nil) } == .noSuchKey)
            #expect(try root.blobFiles().count == 1)

            // A folder moves with everything under it.
            try await store.put("files", "dir/x", "x")
            try await store.put("files", "dir/sub/y", "y")
            try await store.renameObject(bucket: "files", key: "dir/", to: "moved")
            let keys = try await store.listObjects(bucket: "files", query: ListQuery()).objects.map(\.key)
            #expect(keys == ["b", "moved/sub/y", "moved/x"])
            #expect(await storeErrorCode { try await store.renameObject(bucket: "files", key: "dir/", to: "again") } == .noSuchKey)

            let version = try await store.headObject(bucket: "files", key: "b", versionId: nil)
            #expect(await storeErrorCode { try await store.truncateObject(version, length: 11, access: .owner) } == .invalidArgument)
            let cut = try await store.truncateObject(version, length: 3, access: .owner)
            #expect(cut.size == 3)
            #expect(cut.etag == md5Hex(Array("012".utf8)))
            #expect(try await store.text("files", "b") == "012")
            #expect(try root.blobFiles().count == 3)
        }
    }

    @Test func appendedAndTruncatedObjectsPassTheDeepCheck() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        _ = try await store.createBucket("files", fileSystem: true)
        for encryption in [nil, EncryptionRequest.sseS3] {
            let key = encryption == nil ? "plain" : "secure"
            let staged = try await store.stage(Chunks([randomBytes(100_000)]), encryption: encryption, principal: "owner")
            var version = try await store.putObject(bucket: "files", key: key, staged: staged, attributes: ObjectAttributes(), appendable: true)
            let more = try await store.stageAppend(Chunks([randomBytes(70_000)]), to: version, access: .owner)
            version = try await store.appendObject(version, staged: more)
            #expect(version.size == 170_000)
            #expect(version.encryption?.segments.count == (encryption == nil ? nil : 2))
            _ = try await store.truncateObject(version, length: 120_001, access: .owner)
        }
        try store.close()
        let report = try await ObjectStore.check(dataRoot: root.path, options: CheckOptions(deep: true))
        #expect(report.problemList == [])
        #expect(report.encryptedVersions == 1)
    }
}
