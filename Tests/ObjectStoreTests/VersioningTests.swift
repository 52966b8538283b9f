import Foundation
import Testing

@testable import ObjectStore

struct VersioningTests {
    @Test func enabledKeepsEveryVersionAndDeleteMarkers() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("versions")
            try await store.setVersioning("versions", .enabled)
            let first = try await store.put("versions", "k", "one")
            let second = try await store.put("versions", "k", "two")
            #expect(first.versionId != "null")
            #expect(first.versionId != second.versionId)
            #expect(first.versionId < second.versionId)
            #expect(try await store.text("versions", "k") == "two")
            #expect(try await store.text("versions", "k", versionId: first.versionId) == "one")
            #expect(try await store.headObject(bucket: "versions", key: "k", versionId: first.versionId).isLatest == false)

            let marker = try await store.deleteObject(bucket: "versions", key: "k", versionId: nil)
            #expect(marker.isDeleteMarker)
            let markerId = try #require(marker.versionId)
            do {
                _ = try await store.headObject(bucket: "versions", key: "k", versionId: nil)
                Issue.record("a delete marker hides the object")
            } catch let error as StoreError {
                #expect(error.code == .noSuchKey)
                #expect(error.deleteMarkerVersionId == markerId)
            }
            #expect(await storeErrorCode { try await store.headObject(bucket: "versions", key: "k", versionId: markerId) } == .methodNotAllowed)
            #expect(
                await storeErrorCode { try await store.headObject(bucket: "versions", key: "k", versionId: String(repeating: "f", count: 32)) }
                    == .noSuchVersion)
            #expect(try await store.listObjects(bucket: "versions", query: ListQuery()).objects.isEmpty)

            let listed = try await store.listObjectVersions(bucket: "versions", query: VersionListQuery())
            #expect(listed.versions.map(\.versionId) == [markerId, second.versionId, first.versionId])
            #expect(listed.versions.map(\.isLatest) == [true, false, false])
            #expect(listed.versions.map(\.isDeleteMarker) == [true, false, false])

            // Removing the marker brings the newest version back; removing that promotes the older one.
            #expect(
                try await store.deleteObject(bucket: "versions", key: "k", versionId: markerId)
                    == DeletionResult(versionId: markerId, isDeleteMarker: true))
            #expect(try await store.text("versions", "k") == "two")
            #expect(try await store.deleteObject(bucket: "versions", key: "k", versionId: second.versionId).isDeleteMarker == false)
            #expect(try await store.headObject(bucket: "versions", key: "k", versionId: nil).versionId == first.versionId)
            #expect(try await store.headObject(bucket: "versions", key: "k", versionId: nil).isLatest)
            #expect(try root.blobFiles().count == 1)
            _ = try await store.deleteObject(bucket: "versions", key: "k", versionId: first.versionId)
            #expect(try await store.listObjectVersions(bucket: "versions", query: VersionListQuery()).versions.isEmpty)
            #expect(try root.blobFiles().isEmpty)
            // A marker is added even when nothing exists, and an unknown version deletes nothing, successfully;
            // a version id the store could never have issued is refused, as S3 does.
            #expect(try await store.deleteObject(bucket: "versions", key: "ghost", versionId: nil).isDeleteMarker)
            let unknown = String(repeating: "0", count: 32)
            #expect(try await store.deleteObject(bucket: "versions", key: "ghost", versionId: unknown).versionId == unknown)
            await #expect(throws: StoreError.self) {
                try await store.deleteObject(bucket: "versions", key: "ghost", versionId: "not a version id")
            }
        }
    }

    @Test func suspendedReplacesTheNullVersionOnly() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("suspended")
            let original = try await store.put("suspended", "k", "null before versioning")
            try await store.setVersioning("suspended", .enabled)
            let versioned = try await store.put("suspended", "k", "versioned")
            try await store.setVersioning("suspended", .suspended)
            let null1 = try await store.put("suspended", "k", "null 1")
            let null2 = try await store.put("suspended", "k", "null 2")
            #expect(original.versionId == "null")
            #expect(null1.versionId == "null")
            #expect(null2.versionId == "null")
            var versions = try await store.listObjectVersions(bucket: "suspended", query: VersionListQuery()).versions
            #expect(versions.map(\.versionId) == ["null", versioned.versionId])
            #expect(try await store.text("suspended", "k") == "null 2")
            #expect(try root.blobFiles().count == 2)

            let deletion = try await store.deleteObject(bucket: "suspended", key: "k", versionId: nil)
            #expect(deletion == DeletionResult(versionId: "null", isDeleteMarker: true))
            versions = try await store.listObjectVersions(bucket: "suspended", query: VersionListQuery()).versions
            #expect(versions.map(\.versionId) == ["null", versioned.versionId])
            #expect(versions.map(\.isDeleteMarker) == [true, false])
            #expect(try root.blobFiles().count == 1)
            #expect(await storeErrorCode { try await store.setVersioning("suspended", .unversioned) } == .invalidArgument)
        }
    }

    @Test func deletedDataIsRestoredByCopyingAnOldVersion() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("restore")
            try await store.setVersioning("restore", .enabled)
            let old = try await store.put("restore", "image.jpg", "pixels")
            _ = try await store.deleteObject(bucket: "restore", key: "image.jpg", versionId: nil)
            let source = try await store.headObject(bucket: "restore", key: "image.jpg", versionId: old.versionId)
            let restored = try await store.copyObject(
                source: source, bucket: "restore", key: "image.jpg", attributes: source.attributes, sourceAccess: .owner)
            #expect(restored.isLatest)
            #expect(try await store.text("restore", "image.jpg") == "pixels")
            #expect(try await store.listObjectVersions(bucket: "restore", query: VersionListQuery()).versions.count == 3)
        }
    }
}

extension VersioningTests {
    @Test func versionIdsSortByCreationEvenWithinAMillisecond() {
        let date = Date()
        let ids = (0..<1000).map { _ in Identifiers.version(at: date) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.utf8.count == 32 })
    }
}
