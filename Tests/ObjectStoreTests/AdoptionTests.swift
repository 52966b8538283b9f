import Foundation
import Testing

@testable import ObjectStore

struct AdoptionTests {
    func write(_ root: TemporaryDataRoot, _ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root.path + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func foldersBecomeBucketsOnce() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        try write(root, "demo-images/cat/1.jpg", "jpeg")
        try write(root, "demo-images/cat/1.txt", "cat")
        try write(root, "demo-images/dog.PNG", "png")
        try write(root, "demo-images/notes", "no extension")
        try write(root, "demo-images/.hidden", "secret")
        try write(root, "demo-images/.git/config", "secret")
        try write(root, "demo-images/sub/.DS_Store", "secret")
        try write(root, "Not_A_Bucket/file.txt", "skipped")
        try write(root, ".private/file.txt", "skipped")
        try write(root, "loose-file.txt", "not a folder")

        let store = try await root.open()
        #expect(try await store.listBuckets().map(\.name) == ["demo-images"])
        let listed = try await store.listObjects(bucket: "demo-images", query: ListQuery())
        #expect(listed.objects.map(\.key) == ["cat/1.jpg", "cat/1.txt", "dog.PNG", "notes"])
        #expect(listed.objects.map(\.attributes.contentType) == ["image/jpeg", "text/plain", "image/png", "application/octet-stream"])
        #expect(try await store.text("demo-images", "cat/1.txt") == "cat")
        #expect(listed.objects[1].etag == md5Hex(Array("cat".utf8)))
        // The user's files are copied, not moved.
        #expect(try String(contentsOfFile: root.path + "/demo-images/cat/1.txt", encoding: .utf8) == "cat")

        // Deleted by the user: not adopted again, and files added later are not picked up either.
        for object in listed.objects { _ = try await store.deleteObject(bucket: "demo-images", key: object.key, versionId: nil) }
        try await store.deleteBucket("demo-images")
        try store.close()
        try write(root, "demo-images/new.txt", "new")
        let reopened = try await root.open()
        #expect(try await reopened.listBuckets().isEmpty)
        try reopened.close()
    }

    @Test func anExistingBucketIsNotAdopted() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        _ = try await store.createBucket("mine")
        try store.close()
        try write(root, "mine/file.txt", "x")
        let reopened = try await root.open()
        #expect(try await reopened.listObjects(bucket: "mine", query: ListQuery()).objects.isEmpty)
        try reopened.close()
    }

    @Test func contentTypes() {
        #expect(ContentType.guess(forKey: "a/b.JPEG") == "image/jpeg")
        #expect(ContentType.guess(forKey: "x.gif") == "image/gif")
        #expect(ContentType.guess(forKey: "x.xml") == "application/xml")
        #expect(ContentType.guess(forKey: "x.json") == "application/json")
        #expect(ContentType.guess(forKey: "x.wav") == "audio/wav")
        #expect(ContentType.guess(forKey: "x.mp3") == "audio/mpeg")
        #expect(ContentType.guess(forKey: "x.csv") == "text/csv")
        #expect(ContentType.guess(forKey: "dir.jpg/file") == "application/octet-stream")
    }
}
