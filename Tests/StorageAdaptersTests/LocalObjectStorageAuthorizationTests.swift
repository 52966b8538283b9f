import AccessControl
import Foundation
import KeyManagement
import Labeling
import Logging
import NIOCore
import ObjectStore
import StorageAdapters
import Testing

/// The local adapter asks the S3 front's authorizer as `modelarts-service` before every listing, read and write: bucket
/// policies, the agency and ACLs refuse the service here as over S3, and the refusal says what decided it.
@Suite("LocalObjectStorage authorization")
struct LocalObjectStorageAuthorizationTests {
    static let service = "arn:aws:iam::000000000000:user/modelarts-service"

    func withStore(_ body: (ObjectStore, LocalObjectStorage) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("labeling-authz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var logger = Logger(label: "test.store")
        logger.logLevel = .warning
        let store = try await ObjectStore.open(dataRoot: root.path, rootKey: .generate(), logger: logger)
        _ = try await store.createBucket("labeled")
        for key in ["img/public/1.jpg", "img/public/1.txt", "img/private/2.jpg", "img/private/2.txt"] {
            let body = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(ByteBuffer(string: key))
                continuation.finish()
            }
            let staged = try await store.stage(body, encryption: nil, principal: store.owner)
            _ = try await store.putObject(bucket: "labeled", key: key, staged: staged, attributes: ObjectAttributes())
        }
        try await body(store, LocalObjectStorage(store: store))
        try store.close()
    }

    /// A policy of `statements` (JSON objects) on the bucket.
    func setPolicy(_ store: ObjectStore, _ statements: String...) async throws {
        try await store.setBucketPolicy("labeled", "{\"Version\":\"2012-10-17\",\"Statement\":[\(statements.joined(separator: ","))]}")
    }

    func denial(_ body: () async throws -> Void) async throws -> AccessDenial {
        do {
            try await body()
        } catch let error as StorageError {
            #expect(error.code == "AccessDenied")
            #expect(error.httpStatus == 403)
            #expect(error.principal == "modelarts-service")
            return try #require(error.accessDenial)
        }
        Issue.record("the service was not denied")
        return AccessDenial(cause: .unspecified, operation: .read, bucket: "", key: "", principal: "")
    }

    @Test func aDenyStatementRefusesExactlyItsResources() async throws {
        try await withStore { store, storage in
            try await setPolicy(
                store,
                """
                {"Sid":"DenyService","Effect":"Deny","Principal":{"AWS":"\(Self.service)"},"Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::labeled/img/private/*"}
                """
            )
            #expect(try await storage.readObject(bucket: "labeled", key: "img/public/1.txt", maxBytes: 100) == Array("img/public/1.txt".utf8))
            let listed = try await storage.listObjects(bucket: "labeled", prefix: "img/", startAfter: nil, maxKeys: 10)
            #expect(listed.objects.count == 4)
            let denied = try await denial { _ = try await storage.readObject(bucket: "labeled", key: "img/private/2.txt", maxBytes: 100) }
            #expect(
                denied
                    == AccessDenial(
                        cause: .bucketPolicy,
                        operation: .read,
                        bucket: "labeled",
                        key: "img/private/2.txt",
                        principal: "modelarts-service",
                        statement: "DenyService"
                    ))
        }
    }

    @Test func aListingDenialNamesTheStatementAndAStatementWithoutSidItsPosition() async throws {
        try await withStore { store, storage in
            try await setPolicy(
                store,
                #"{"Sid":"Other","Effect":"Deny","Principal":"*","Action":"s3:PutBucketAcl","Resource":"arn:aws:s3:::labeled"}"#,
                """
                {"Effect":"Deny","Principal":{"AWS":["\(Self.service)"]},"Action":"s3:ListBucket","Resource":"arn:aws:s3:::labeled",
                 "Condition":{"StringLike":{"s3:prefix":"img/private*"}}}
                """
            )
            #expect(try await storage.listObjects(bucket: "labeled", prefix: "img/public/", startAfter: nil, maxKeys: 10).objects.count == 2)
            let denied = try await denial {
                _ = try await storage.listObjects(bucket: "labeled", prefix: "img/private/", startAfter: nil, maxKeys: 10)
            }
            #expect(denied.cause == .bucketPolicy)
            #expect(denied.operation == .list)
            #expect(denied.key == "img/private/")
            #expect(denied.statement == "#2")
            #expect(denied.because == "denied by bucket policy statement #2")
        }
    }

    @Test func aNarrowedAgencyRefusesWhatItNoLongerCovers() async throws {
        try await withStore { store, storage in
            let gate = AccessGate(store: store)
            try await gate.setAgency(Agency(rules: [Agency.Rule(bucket: "labeled", prefix: "img/public/", access: .read)]))

            #expect(try await storage.readObject(bucket: "labeled", key: "img/public/1.txt", maxBytes: 100).count > 0)
            let read = try await denial { _ = try await storage.readObject(bucket: "labeled", key: "img/private/2.txt", maxBytes: 100) }
            #expect(read.cause == .outsideAgency)
            #expect(read.description == "the labeling service may not read obs://labeled/img/private/2.txt (no agency grant for this bucket/prefix)")
            let write = try await denial {
                try await storage.writeObject(bucket: "labeled", key: "img/public/V001.manifest", bytes: [1], contentType: "application/json")
            }
            #expect(write.cause == .outsideAgency)
            #expect(write.operation == .write)
            // Nothing was written, and the object the service could not delete is still there.
            await #expect(throws: StoreError.self) { try await store.headObject(bucket: "labeled", key: "img/public/V001.manifest", versionId: nil) }
            _ = try await denial { _ = try await storage.deleteObject(bucket: "labeled", key: "img/public/1.jpg") }
            #expect(try await store.headObject(bucket: "labeled", key: "img/public/1.jpg", versionId: nil).size > 0)

            try await gate.setAgency(Agency(rules: []))
            let listing = try await denial { _ = try await storage.listObjects(bucket: "labeled", prefix: "", startAfter: nil, maxKeys: 10) }
            #expect(listing.cause == .outsideAgency)
            try await gate.setAgency(nil)
            #expect(try await storage.readObject(bucket: "labeled", key: "img/private/2.txt", maxBytes: 100).count > 0)
        }
    }

    /// As the S3 front answers: a missing key is NoSuchKey to a principal who may list, AccessDenied otherwise.
    @Test func aMissingKeyIsNoSuchKeyOnlyToWhoMayList() async throws {
        try await withStore { store, storage in
            await #expect(throws: StorageError(code: "NoSuchKey", message: "The specified key does not exist", httpStatus: 404)) {
                try await storage.readObject(bucket: "labeled", key: "img/missing.txt", maxBytes: 100)
            }
            try await AccessGate(store: store).setAgency(Agency(rules: []))
            let denied = try await denial { _ = try await storage.readObject(bucket: "labeled", key: "img/missing.txt", maxBytes: 100) }
            #expect(denied.cause == .outsideAgency)
        }
    }

    /// Another principal's bucket is not opened by the agency: nothing grants the service anything there.
    @Test func anotherPrincipalsBucketIsNoGrant() async throws {
        try await withStore { store, storage in
            _ = try await store.createBucket("theirs", owner: "alice")
            let denied = try await denial { _ = try await storage.listObjects(bucket: "theirs", prefix: "", startAfter: nil, maxKeys: 10) }
            #expect(denied.cause == .noGrant)
            await #expect(throws: StorageError.self) { try await storage.listObjects(bucket: "nobucket", prefix: "", startAfter: nil, maxKeys: 1) }
        }
    }
}
