import Foundation
import KeyManagement
import LabelFormats
import Labeling
import Logging
import NIOCore
import ObjectStore
import StorageAdapters
import Testing

/// The local adapter on a real engine: reads happen as the labeling service, so encryption refusals are real.
@Suite("LocalObjectStorage")
struct LocalObjectStorageTests {
    func withStore(_ body: (ObjectStore) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("labeling-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var logger = Logger(label: "test.store")
        logger.logLevel = .warning
        let store = try await ObjectStore.open(dataRoot: root.path, rootKey: .generate(), logger: logger)
        try await body(store)
        try store.close()
    }

    func put(_ store: ObjectStore, _ key: String, _ text: String, encryption: EncryptionRequest? = nil) async throws {
        let body = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(string: text))
            continuation.finish()
        }
        let staged = try await store.stage(body, encryption: encryption, principal: "owner")
        _ = try await store.putObject(bucket: "labeled", key: key, staged: staged, attributes: ObjectAttributes())
    }

    @Test func theServiceNeedsAGrantToReadAnSSEKMSSidecar() async throws {
        try await withStore { store in
            _ = try await store.createBucket("labeled")
            try await put(store, "img/1.jpg", "jpeg bytes")
            try await put(store, "img/1.txt", "Cat\n", encryption: .sseKMS(keyIdOrAlias: "testkey-1"))
            let storage = LocalObjectStorage(store: store)
            #expect(storage.principal == "modelarts-service")

            let listing = try await storage.listObjects(bucket: "labeled", prefix: "img/", startAfter: nil, maxKeys: 1)
            #expect(listing.objects.map(\.key) == ["img/1.jpg"])
            #expect(listing.isTruncated)
            let rest = try await storage.listObjects(bucket: "labeled", prefix: "img/", startAfter: "img/1.jpg", maxKeys: 10)
            #expect(rest.objects.map(\.key) == ["img/1.txt"])
            #expect(!rest.isTruncated)
            #expect(try await storage.readObject(bucket: "labeled", key: "img/1.jpg", maxBytes: 100) == Array("jpeg bytes".utf8))

            do {
                _ = try await storage.readObject(bucket: "labeled", key: "img/1.txt", maxBytes: 100)
                Issue.record("the service read an SSE-KMS object without a grant")
            } catch let error as StorageError {
                #expect(error.code == "KMS.AccessDeniedException")
                #expect(error.httpStatus == 403)
                #expect(error.principal == "modelarts-service")
                #expect(error.kmsKeyId != nil)
            }

            // The same symptom through a sync: listed, unlabeled, and why.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("labeling-local-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            var logger = Logger(label: "test.labeling")
            logger.logLevel = .warning
            let service = try LabelingService.open(
                catalogPath: directory.appendingPathComponent("labeling.sqlite").path,
                storage: storage,
                logger: logger
            )
            let dataset = try await service.createDataset(
                DatasetSpec(name: "encrypted", kind: .imageClassification, inputPath: "obs://labeled/img/", outputPath: "obs://labeled/out/")
            )
            _ = try await service.sync(datasetId: dataset.id)
            let unlabeled = try #require(
                try await service.listSamples(datasetId: dataset.id, jobId: nil, state: .all, offset: 0, limit: 10).samples.first
            )
            #expect(unlabeled.annotations.isEmpty)
            #expect(unlabeled.unlabeledReason?.code == .sidecarUnreadable)
            #expect(unlabeled.unlabeledReason?.storageErrorCode == "KMS.AccessDeniedException")
            #expect(unlabeled.unlabeledReason?.principal == "modelarts-service")
            #expect(unlabeled.unlabeledReason?.kmsKeyId != nil)

            _ = try store.kms.grant(key: "testkey-1", principal: "modelarts-service")
            #expect(try await storage.readObject(bucket: "labeled", key: "img/1.txt", maxBytes: 100) == Array("Cat\n".utf8))
            _ = try await service.sync(datasetId: dataset.id)
            let labeled = try await service.listSamples(datasetId: dataset.id, jobId: nil, state: .labeled, offset: 0, limit: 10).samples
            #expect(labeled.map { $0.annotations.map(\.name) } == [["Cat"]])
        }
    }

    @Test func storeAndEncryptionErrorsKeepTheirS3Codes() async throws {
        try await withStore { store in
            _ = try await store.createBucket("labeled")
            let customerKey = try CustomerKey(base64Key: Data(repeating: 7, count: 32).base64EncodedString(), base64KeyMD5: nil)
            try await put(store, "sse-c.txt", "secret", encryption: .sseC(customerKey))
            try await put(store, "big.txt", String(repeating: "x", count: 2_000))
            let storage = LocalObjectStorage(store: store)

            await #expect(throws: StorageError(code: "NoSuchKey", message: "The specified key does not exist", httpStatus: 404)) {
                try await storage.readObject(bucket: "labeled", key: "missing.txt", maxBytes: 100)
            }
            await #expect(throws: StorageError(code: "NoSuchBucket", message: "The specified bucket does not exist", httpStatus: 404)) {
                try await storage.listObjects(bucket: "nobucket", prefix: "", startAfter: nil, maxKeys: 10)
            }
            do {
                _ = try await storage.readObject(bucket: "labeled", key: "sse-c.txt", maxBytes: 100)
                Issue.record("the service read an SSE-C object")
            } catch let error as StorageError {
                #expect(error.code == "InvalidRequest")
                #expect(error.httpStatus == 400)
            }
            do {
                _ = try await storage.readObject(bucket: "labeled", key: "big.txt", maxBytes: 1_000)
                Issue.record("a read larger than maxBytes succeeded")
            } catch let error as StorageError {
                #expect(error.code == "EntityTooLarge")
            }
        }
    }

    /// A manifest written into a bucket with SSE-KMS by default: encrypted, and only with a grant for the service.
    @Test func writesFollowTheBucketDefaultAsTheService() async throws {
        try await withStore { store in
            _ = try await store.createBucket("labeled")
            try await store.setBucketEncryption("labeled", BucketEncryption(algorithm: .kms, kmsKeyId: "testkey-1"))
            let storage = LocalObjectStorage(store: store)
            do {
                try await storage.writeObject(bucket: "labeled", key: "out/V001.manifest", bytes: Array("{}".utf8), contentType: "application/json")
                Issue.record("the service wrote with a KMS key it has no grant on")
            } catch let error as StorageError {
                #expect(error.code == "KMS.AccessDeniedException")
            }

            _ = try store.kms.grant(key: "testkey-1", principal: storage.principal)
            try await storage.writeObject(bucket: "labeled", key: "out/V001.manifest", bytes: Array("{}".utf8), contentType: "application/json")
            let written = try await store.headObject(bucket: "labeled", key: "out/V001.manifest", versionId: nil)
            #expect(written.encryption != nil)
            #expect(written.attributes.contentType == "application/json")
            #expect(try await storage.readObject(bucket: "labeled", key: "out/V001.manifest", maxBytes: 100) == Array("{}".utf8))
        }
    }

    @Test func deletesAnswerTheDeleteMarkerOfAVersionedBucket() async throws {
        try await withStore { store in
            _ = try await store.createBucket("labeled")
            try await put(store, "plain.jpg", "x")
            let storage = LocalObjectStorage(store: store)
            #expect(try await storage.isVersioningEnabled(bucket: "labeled") == false)
            #expect(try await storage.deleteObject(bucket: "labeled", key: "plain.jpg") == nil)

            try await store.setVersioning("labeled", .enabled)
            try await put(store, "kept.jpg", "y")
            #expect(try await storage.isVersioningEnabled(bucket: "labeled") == true)
            let marker = try #require(try await storage.deleteObject(bucket: "labeled", key: "kept.jpg"))
            _ = try await store.deleteObject(bucket: "labeled", key: "kept.jpg", versionId: marker)
            #expect(try await storage.readObject(bucket: "labeled", key: "kept.jpg", maxBytes: 10) == Array("y".utf8))

            try await store.setVersioning("labeled", .suspended)
            try await put(store, "null.jpg", "z")
            #expect(try await storage.deleteObject(bucket: "labeled", key: "null.jpg") == nil)
        }
    }
}
