import Foundation
import Testing

@testable import ObjectStore

/// Object Lock as S3 enforces it: in the store's transactions, whatever front end asks.
struct ObjectLockTests {
    private static let future = Date().addingTimeInterval(3600)

    @Test func lockEnablesVersioningForGoodAndNeedsIt() async throws {
        try await withStore { store, _ in
            let bucket = try await store.createBucket("locked", objectLock: true)
            #expect(bucket.versioning == .enabled)
            #expect(bucket.objectLock == BucketObjectLock())
            #expect(await storeErrorCode { try await store.setVersioning("locked", .suspended) } == .invalidBucketState)

            _ = try await store.createBucket("plain")
            let rule = BucketObjectLock(defaultRetention: .init(mode: .governance, days: 1))
            #expect(await storeErrorCode { try await store.setObjectLock("plain", rule) } == .invalidBucketState)
            try await store.setVersioning("plain", .enabled)
            try await store.setObjectLock("plain", rule)
            #expect(try await store.bucket("plain").objectLock == rule)
        }
    }

    @Test func aLockedVersionRefusesDeletionButNotADeleteMarker() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("locked", objectLock: true)
            var attributes = ObjectAttributes()
            attributes.retention = ObjectRetention(mode: .compliance, retainUntil: Self.future)
            let version = try await store.put("locked", "k", Array("kept".utf8), attributes: attributes)
            #expect(version.attributes.retention?.mode == .compliance)

            #expect(await storeErrorCode { try await store.deleteObject(bucket: "locked", key: "k", versionId: version.versionId) } == .accessDenied)
            #expect(
                await storeErrorCode {
                    try await store.deleteObject(bucket: "locked", key: "k", versionId: version.versionId, bypassGovernance: true)
                } == .accessDenied
            )
            let marker = try await store.deleteObject(bucket: "locked", key: "k", versionId: nil)
            #expect(marker.isDeleteMarker)
            _ = try await store.deleteObject(bucket: "locked", key: "k", versionId: marker.versionId)
            #expect(try await store.text("locked", "k") == "kept")
        }
    }

    @Test func governanceIsBypassedOnlyWhenAsked() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("locked", objectLock: true)
            try await store.setObjectLock("locked", BucketObjectLock(defaultRetention: .init(mode: .governance, days: 2)))
            let version = try await store.put("locked", "k", "v")
            let retention = try #require(version.attributes.retention)
            #expect(retention.mode == .governance)
            #expect(abs(retention.retainUntil.timeIntervalSince(version.lastModified) - 2 * 86_400) < 1)

            #expect(await storeErrorCode { try await store.deleteObject(bucket: "locked", key: "k", versionId: version.versionId) } == .accessDenied)
            _ = try await store.deleteObject(bucket: "locked", key: "k", versionId: version.versionId, bypassGovernance: true)
            #expect(await storeErrorCode { try await store.headObject(bucket: "locked", key: "k", versionId: nil) } == .noSuchKey)
        }
    }

    @Test func complianceRetentionOnlyExtends() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("locked", objectLock: true)
            let version = try await store.put("locked", "k", "v")
            #expect(version.attributes.retention == nil)
            let first = ObjectRetention(mode: .compliance, retainUntil: Self.future)
            _ = try await store.setRetention(bucket: "locked", key: "k", versionId: nil, first)

            let shorter = ObjectRetention(mode: .compliance, retainUntil: Self.future.addingTimeInterval(-60))
            let governance = ObjectRetention(mode: .governance, retainUntil: Self.future.addingTimeInterval(60))
            for change in [shorter, governance, nil] as [ObjectRetention?] {
                #expect(
                    await storeErrorCode {
                        try await store.setRetention(bucket: "locked", key: "k", versionId: nil, change, bypassGovernance: true)
                    } == .accessDenied
                )
            }
            let longer = ObjectRetention(mode: .compliance, retainUntil: Self.future.addingTimeInterval(60))
            let extended = try await store.setRetention(bucket: "locked", key: "k", versionId: version.versionId, longer)
            #expect(extended.attributes.retention == longer)
        }
    }

    @Test func governanceRetentionIsShortenedOnlyWithBypass() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("locked", objectLock: true)
            _ = try await store.put("locked", "k", "v")
            _ = try await store.setRetention(bucket: "locked", key: "k", versionId: nil, ObjectRetention(mode: .governance, retainUntil: Self.future))
            #expect(await storeErrorCode { try await store.setRetention(bucket: "locked", key: "k", versionId: nil, nil) } == .accessDenied)
            let removed = try await store.setRetention(bucket: "locked", key: "k", versionId: nil, nil, bypassGovernance: true)
            #expect(removed.attributes.retention == nil)
        }
    }

    @Test func legalHoldProtectsWhateverTheRetention() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("locked", objectLock: true)
            let version = try await store.put("locked", "k", "v")
            let held = try await store.setLegalHold(bucket: "locked", key: "k", versionId: nil, true)
            #expect(held.attributes.legalHold)
            #expect(
                await storeErrorCode {
                    try await store.deleteObject(bucket: "locked", key: "k", versionId: version.versionId, bypassGovernance: true)
                } == .accessDenied
            )
            // Expiration leaves a held version alone, and reports that it did nothing.
            #expect(try await store.expire(held, .permanent) == false)
            _ = try await store.setLegalHold(bucket: "locked", key: "k", versionId: version.versionId, false)
            _ = try await store.deleteObject(bucket: "locked", key: "k", versionId: version.versionId)
        }
    }

    @Test func aBucketWithoutLockRefusesLocks() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("plain")
            _ = try await store.put("plain", "k", "v")
            var attributes = ObjectAttributes()
            attributes.legalHold = true
            #expect(await storeErrorCode { try await store.put("plain", "held", Array("v".utf8), attributes: attributes) } == .invalidRequest)
            #expect(await storeErrorCode { try await store.setLegalHold(bucket: "plain", key: "k", versionId: nil, true) } == .invalidRequest)
            let retention = ObjectRetention(mode: .governance, retainUntil: Self.future)
            #expect(await storeErrorCode { try await store.setRetention(bucket: "plain", key: "k", versionId: nil, retention) } == .invalidRequest)
        }
    }

    @Test func multipartUploadsCarryTheirLockToTheObject() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("locked", objectLock: true)
            var attributes = ObjectAttributes()
            attributes.retention = ObjectRetention(mode: .governance, retainUntil: Self.future)
            attributes.legalHold = true
            let upload = try await store.createMultipartUpload(bucket: "locked", key: "big", attributes: attributes, principal: "owner")
            let part = try await store.uploadPart(
                bucket: "locked",
                key: "big",
                uploadId: upload.uploadId,
                partNumber: 1,
                staged: try await store.stage(Chunks([Array("part".utf8)]))
            )
            let version = try await store.completeMultipartUpload(
                bucket: "locked",
                key: "big",
                uploadId: upload.uploadId,
                parts: [CompletedPart(partNumber: 1, etag: part.etag)]
            )
            #expect(version.attributes.retention?.mode == .governance)
            #expect(version.attributes.legalHold)
        }
    }
}
