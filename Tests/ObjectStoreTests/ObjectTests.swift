import Foundation
import NIOCore
import Testing

@testable import ObjectStore

struct ObjectTests {
    @Test func streamingRoundTripOfManyChunks() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("photos")
            let chunks = (0..<100).map { _ in randomBytes(10_000 + Int.random(in: 0..<100)) }
            let all = chunks.flatMap { $0 }
            let staged = try await store.stage(Chunks(chunks))
            #expect(staged.size == Int64(all.count))
            let attributes = ObjectAttributes(contentType: "image/png", userMetadata: ["a": "1"], checksums: ["CRC32": "AAAAAA=="])
            let version = try await store.putObject(bucket: "photos", key: "cat.png", staged: staged, attributes: attributes)
            #expect(version.etag == md5Hex(all))
            #expect(version.versionId == "null")
            let head = try await store.headObject(bucket: "photos", key: "cat.png", versionId: nil)
            #expect(head == version)
            #expect(head.attributes == attributes)

            var received: [UInt8] = []
            var chunkCount = 0
            for try await chunk in try store.read(head, range: nil, access: .owner) {
                #expect(chunk.readableBytes <= 256 * 1024)
                received += Array(buffer: chunk)
                chunkCount += 1
            }
            #expect(received == all)
            #expect(chunkCount == (all.count + 256 * 1024 - 1) / (256 * 1024))
            #expect(try await store.bytes(head, range: 10...19) == Array(all[10...19]))
            #expect(try await store.bytes(head, range: 999_990...2_000_000) == Array(all[999_990...]))
        }
    }

    @Test func emptyObject() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("empty")
            let version = try await store.put("empty", "nothing", [])
            #expect(version.size == 0)
            #expect(version.etag == "d41d8cd98f00b204e9800998ecf8427e")
            #expect(try await store.bytes(version).isEmpty)
        }
    }

    @Test func persistsAcrossReopen() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        _ = try await store.createBucket("kept")
        try await store.setVersioning("kept", .enabled)
        let version = try await store.put("kept", "a/b.txt", "hello")
        try store.close()

        let reopened = try await root.open()
        let head = try await reopened.headObject(bucket: "kept", key: "a/b.txt", versionId: nil)
        #expect(head == version)
        #expect(try await reopened.text("kept", "a/b.txt") == "hello")
        #expect(try await reopened.bucket("kept").versioning == .enabled)
        try reopened.close()
    }

    @Test func bodyThatThrowsLeavesNothing() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("broken")
            await #expect(throws: ClientDisconnected.self) {
                _ = try await store.stage(Chunks([randomBytes(1000), randomBytes(1000), randomBytes(1000)], failAfter: 2))
            }
            #expect(try root.stagingFiles().isEmpty)
            #expect(try root.blobFiles().isEmpty)
            #expect(await storeErrorCode { try await store.headObject(bucket: "broken", key: "k", versionId: nil) } == .noSuchKey)
        }
    }

    @Test func discardRemovesTheStagedFile() async throws {
        try await withStore { store, root in
            let staged = try await store.stage(Chunks("draft"))
            #expect(try root.stagingFiles() == [staged.id])
            await store.discard(staged)
            #expect(try root.stagingFiles().isEmpty)
        }
    }

    @Test func failedPublishDiscardsTheStagedFile() async throws {
        try await withStore { store, root in
            let staged = try await store.stage(Chunks("lost"))
            #expect(
                await storeErrorCode { try await store.putObject(bucket: "missing", key: "k", staged: staged, attributes: .init()) } == .noSuchBucket)
            #expect(try root.stagingFiles().isEmpty)
            #expect(try root.blobFiles().isEmpty)
        }
    }

    @Test func openSweepsOrphanBlobsAndStaging() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        _ = try await store.createBucket("sweep")
        try await store.put("sweep", "kept", "kept")
        try store.close()

        let orphan = "ab" + String(repeating: "0", count: 30)
        try FileManager.default.createDirectory(atPath: root.blobsPath + "/ab", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: root.blobsPath + "/ab/" + orphan, contents: Data("orphan".utf8)))
        #expect(FileManager.default.createFile(atPath: root.stagingPath + "/interrupted", contents: Data("partial".utf8)))
        #expect(try root.blobFiles().count == 2)

        let reopened = try await root.open()
        #expect(try root.blobFiles().count == 1)
        #expect(try root.stagingFiles().isEmpty)
        #expect(try await reopened.text("sweep", "kept") == "kept")
        try reopened.close()
    }

    @Test func keysAreNeverPaths() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("keys")
            let keys = [
                "a", "a/b", "a//b", "../x", "../../etc/passwd", " ", "+", "%", "%2F", "a/", "/lead", "é", "e\u{301}", "日本/語.txt",
                String(repeating: "k", count: 1024), String(repeating: "é", count: 512),
            ]
            for (index, key) in keys.enumerated() {
                try await store.put("keys", key, "value \(index)")
            }
            for (index, key) in keys.enumerated() {
                #expect(try await store.text("keys", key) == "value \(index)", "\(key)")
            }
            let listed = try await store.listObjects(bucket: "keys", query: ListQuery())
            #expect(listed.objects.count == keys.count)
            #expect(listed.objects.map { Array($0.key.utf8) } == keys.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
            // Nothing was written outside the store's own folder.
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [".obslab"])

            let tooLong = String(repeating: "k", count: 1025)
            let staged = try await store.stage(Chunks("x"))
            #expect(
                await storeErrorCode { try await store.putObject(bucket: "keys", key: tooLong, staged: staged, attributes: .init()) }
                    == .keyTooLongError)
            #expect(
                await storeErrorCode { try await store.createMultipartUpload(bucket: "keys", key: tooLong, attributes: .init(), principal: "owner") }
                    == .keyTooLongError)
        }
    }

    @Test func replacingAnUnversionedObjectDeletesTheOldBlob() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("plain")
            try await store.put("plain", "k", "one")
            try await store.put("plain", "k", "two")
            #expect(try await store.text("plain", "k") == "two")
            #expect(try root.blobFiles().count == 1)
            let deletion = try await store.deleteObject(bucket: "plain", key: "k", versionId: nil)
            #expect(deletion == DeletionResult(versionId: nil, isDeleteMarker: false))
            #expect(try root.blobFiles().isEmpty)
            #expect(await storeErrorCode { try await store.headObject(bucket: "plain", key: "k", versionId: nil) } == .noSuchKey)
            // Deleting what does not exist succeeds.
            #expect(try await store.deleteObject(bucket: "plain", key: "k", versionId: nil).isDeleteMarker == false)
            #expect(await storeErrorCode { try await store.deleteObject(bucket: "nope", key: "k", versionId: nil) } == .noSuchBucket)
        }
    }

    @Test func copyLinksTheBlobAndTakesNewAttributes() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("source")
            _ = try await store.createBucket("target")
            let bytes = randomBytes(300_000)
            let source = try await store.put("source", "orig", bytes, attributes: ObjectAttributes(contentType: "a/b"))
            let copy = try await store.copyObject(
                source: source, bucket: "target", key: "copy", attributes: ObjectAttributes(contentType: "c/d"), sourceAccess: .owner)
            #expect(copy.etag == source.etag)
            #expect(copy.size == source.size)
            #expect(copy.attributes.contentType == "c/d")
            #expect(try root.blobFiles().count == 2)
            _ = try await store.deleteObject(bucket: "source", key: "orig", versionId: nil)
            let head = try await store.headObject(bucket: "target", key: "copy", versionId: nil)
            #expect(try await store.bytes(head) == bytes)

            // A copy onto itself (metadata replacement) keeps the bytes.
            let same = try await store.copyObject(
                source: head, bucket: "target", key: "copy", attributes: ObjectAttributes(contentType: "e/f"), sourceAccess: .owner)
            #expect(try await store.bytes(same) == bytes)
            #expect(try root.blobFiles().count == 1)
        }
    }

    @Test func buckets() async throws {
        try await withStore { store, _ in
            for name in ["ab", "Upper", "under_score", "-start", "end-", "a..b", "a.-b", "192.168.1.1", String(repeating: "a", count: 64), "xn--abc"]
            {
                #expect(await storeErrorCode { try await store.createBucket(name) } == .invalidBucketName, "\(name)")
            }
            for name in ["zeta", "abc", "my.bucket-1", "1.2.3.4.5", String(repeating: "a", count: 63)] {
                _ = try await store.createBucket(name)
            }
            #expect(await storeErrorCode { try await store.createBucket("abc") } == .bucketAlreadyOwnedByYou)
            #expect(
                try await store.listBuckets().map(\.name) == [
                    "1.2.3.4.5", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "abc", "my.bucket-1", "zeta",
                ])
            #expect(try await store.bucket("abc").versioning == .unversioned)
            #expect(await storeErrorCode { try await store.bucket("nope") } == .noSuchBucket)

            try await store.put("abc", "k", "v")
            #expect(await storeErrorCode { try await store.deleteBucket("abc") } == .bucketNotEmpty)
            _ = try await store.deleteObject(bucket: "abc", key: "k", versionId: nil)
            _ = try await store.createMultipartUpload(bucket: "abc", key: "pending", attributes: .init(), principal: "owner")
            try await store.deleteBucket("abc")
            #expect(await storeErrorCode { try await store.bucket("abc") } == .noSuchBucket)
            #expect(await storeErrorCode { try await store.deleteBucket("abc") } == .noSuchBucket)
        }
    }

    @Test func errorCodesAreTheS3Strings() {
        #expect(StoreError.Code.noSuchKey.rawValue == "NoSuchKey")
        #expect(StoreError.Code.keyTooLongError.rawValue == "KeyTooLongError")
        #expect(StoreError.Code.malformedXML.rawValue == "MalformedXML")
    }
}
