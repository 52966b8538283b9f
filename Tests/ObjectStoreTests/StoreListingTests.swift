import Testing

@testable import ObjectStore

/// Listings through the catalog: the SQL cursors behind the pager.
struct StoreListingTests {
    static let keys = [
        "a", "a/b", "a//b", "a/b/c", "a/c", "b", "b/x", "photos/2023/a.jpg", "photos/2023/b.jpg", "photos/2024/c.jpg", "photos/x", "z",
    ]

    @Test(arguments: [("", nil), ("", "/"), ("a/", "/"), ("photos/", "/"), ("", "//"), ("photos/2", "/")] as [(String, String?)])
    func objectPagesConcatenateToOneListing(prefix: String, delimiter: String?) async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("list")
            try await store.setVersioning("list", .enabled)
            for key in Self.keys { try await store.put("list", key, key) }
            // Hidden and replaced versions must not show.
            _ = try await store.deleteObject(bucket: "list", key: "z", versionId: nil)
            try await store.put("list", "a", "again")

            let whole = try await store.listObjects(bucket: "list", query: ListQuery(prefix: prefix, delimiter: delimiter, maxKeys: 1000))
            #expect(!whole.isTruncated)
            #expect(whole.objects.allSatisfy { $0.key != "z" })
            let total = whole.objects.count + whole.commonPrefixes.count
            for maxKeys in 1...(total + 1) {
                var objects: [String] = []
                var prefixes: [String] = []
                var after: String?
                while true {
                    let page = try await store.listObjects(
                        bucket: "list", query: ListQuery(prefix: prefix, delimiter: delimiter, after: after, maxKeys: maxKeys))
                    #expect(page.objects.count + page.commonPrefixes.count <= maxKeys)
                    objects += page.objects.map(\.key)
                    prefixes += page.commonPrefixes
                    guard page.isTruncated else { break }
                    after = page.lastReturned
                }
                #expect(objects == whole.objects.map(\.key), "maxKeys \(maxKeys)")
                #expect(prefixes == whole.commonPrefixes, "maxKeys \(maxKeys)")
            }
        }
    }

    @Test func groupingAndEmptyPages() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("group")
            for key in Self.keys { try await store.put("group", key, key) }
            let root = try await store.listObjects(bucket: "group", query: ListQuery(delimiter: "/"))
            #expect(root.objects.map(\.key) == ["a", "b", "z"])
            #expect(root.commonPrefixes == ["a/", "b/", "photos/"])
            let photos = try await store.listObjects(bucket: "group", query: ListQuery(prefix: "photos/", delimiter: "/"))
            #expect(photos.objects.map(\.key) == ["photos/x"])
            #expect(photos.commonPrefixes == ["photos/2023/", "photos/2024/"])
            let none = try await store.listObjects(bucket: "group", query: ListQuery(maxKeys: 0))
            #expect(none.objects.isEmpty && !none.isTruncated)
            let truncated = try await store.listObjects(bucket: "group", query: ListQuery(delimiter: "/", maxKeys: 2))
            #expect(truncated.isTruncated)
            #expect(truncated.lastReturned == "a/")
            #expect(await storeErrorCode { try await store.listObjects(bucket: "nope", query: ListQuery()) } == .noSuchBucket)
        }
    }

    @Test func versionPagesConcatenateToOneListing() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("versions")
            try await store.setVersioning("versions", .enabled)
            for (index, key) in Self.keys.enumerated() {
                for _ in 0...(index % 3) { try await store.put("versions", key, key) }
                if index % 4 == 0 { _ = try await store.deleteObject(bucket: "versions", key: key, versionId: nil) }
            }
            for delimiter in [nil, "/"] as [String?] {
                let whole = try await store.listObjectVersions(bucket: "versions", query: VersionListQuery(delimiter: delimiter))
                let total = whole.versions.count + whole.commonPrefixes.count
                for maxKeys in 1...(total + 1) {
                    var versions: [String] = []
                    var prefixes: [String] = []
                    var query = VersionListQuery(delimiter: delimiter, maxKeys: maxKeys)
                    while true {
                        let page = try await store.listObjectVersions(bucket: "versions", query: query)
                        versions += page.versions.map { "\($0.key)@\($0.versionId)" }
                        prefixes += page.commonPrefixes
                        guard page.isTruncated else { break }
                        query.keyMarker = page.nextKeyMarker
                        query.versionIdMarker = page.nextVersionIdMarker
                    }
                    #expect(versions == whole.versions.map { "\($0.key)@\($0.versionId)" }, "maxKeys \(maxKeys)")
                    #expect(prefixes == whole.commonPrefixes)
                }
            }
        }
    }

    @Test func uploadPagesConcatenateToOneListing() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("uploads")
            var ids: [String] = []
            for key in ["a", "a", "b/1", "b/2", "c", "c", "c"] {
                ids.append(try await store.createMultipartUpload(bucket: "uploads", key: key, attributes: .init(), principal: "owner").uploadId)
            }
            let whole = try await store.listMultipartUploads(bucket: "uploads", query: UploadListQuery())
            #expect(whole.uploads.map(\.uploadId) == ids)
            let grouped = try await store.listMultipartUploads(bucket: "uploads", query: UploadListQuery(delimiter: "/"))
            #expect(grouped.commonPrefixes == ["b/"])
            #expect(grouped.uploads.count == 5)
            for maxUploads in 1...8 {
                var listed: [String] = []
                var query = UploadListQuery(maxUploads: maxUploads)
                while true {
                    let page = try await store.listMultipartUploads(bucket: "uploads", query: query)
                    listed += page.uploads.map(\.uploadId)
                    guard page.isTruncated else { break }
                    query.keyMarker = page.nextKeyMarker
                    query.uploadIdMarker = page.nextUploadIdMarker
                }
                #expect(listed == ids, "maxUploads \(maxUploads)")
            }
        }
    }
}
