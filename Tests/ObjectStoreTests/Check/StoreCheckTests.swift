import Foundation
import Testing

@testable import ObjectStore

/// `ObjectStore.check` (`obslab fsck`) on data roots damaged on purpose: each damage is found, named in plain words,
/// repaired when that is safe and left (and named) when it is not.
@Suite struct StoreCheckTests {
    @Test func aSoundDataRootIsClean() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        let report = try await data.check(deep: true)
        #expect(report.problemList == [])
        #expect(report.buckets == 4)
        #expect(report.versions == 9)
        #expect(report.deleteMarkers == 1)
        #expect(report.encryptedVersions == 2)
        #expect(report.uploads == 1)
        #expect(report.parts == 1)
        #expect(report.blobFiles == 9)
        #expect(report.notDecrypted == 2)
        #expect(report.bytesVerified == Int64(20 + 20 + 3 + 3 + DamagedDataRoot.fiveMiB + 1000 + 3000))
    }

    @Test func aMissingBlobIsLostBytesAndNotRepaired() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        try FileManager.default.removeItem(atPath: data.blobPath("plain/a.txt"))
        let report = try await data.check(repair: true)
        #expect(report.problemList == ["missing blob: plain/a.txt (version null)"])
        #expect(report.problems[0].detail.contains("the bytes are lost"))
    }

    @Test(arguments: ["versioned/doc", "secure/doc", "multi/secure"])
    func aShortBlobIsAPartialWrite(_ key: String) async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        try data.truncate(key, to: 1)
        let report = try await data.check()
        let version = data.versions[key]!
        #expect(report.problemList == ["partial or wrong-sized blob: \(key) (version \(version.versionId))"])
        #expect(report.problems[0].detail.contains("has 1 bytes where"))
    }

    @Test func aFlippedByteIsFoundOnlyByTheDeepCheck() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        try data.flipByte(of: "plain/a.txt", at: 3)
        try data.flipByte(of: "multi/plain", at: UInt64(DamagedDataRoot.fiveMiB + 10))
        #expect(try await data.check().problemList == [])
        let report = try await data.check(deep: true)
        #expect(
            Set(report.problemList) == [
                "content does not match its ETag: plain/a.txt (version null)",
                "content does not match its checksum: plain/a.txt (version null)",
                // The copy is a hard link to the same bytes: the damage is its too.
                "content does not match its ETag: plain/copy (version null)",
                "content does not match its ETag: multi/plain (version null)",
                "content does not match its checksum: multi/plain (version null)",
            ]
        )
    }

    @Test func orphansAndLeftoversAreRepaired() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        let orphan = "ab" + String(repeating: "0", count: 30)
        try FileManager.default.createDirectory(atPath: data.root.blobsPath + "/ab", withIntermediateDirectories: true)
        try Data("left behind".utf8).write(to: URL(fileURLWithPath: data.root.blobsPath + "/ab/" + orphan))
        try Data("half a write".utf8).write(to: URL(fileURLWithPath: data.root.stagingPath + "/0123"))

        let found = try await data.check()
        #expect(Set(found.problemList) == ["orphan blob: blob \(orphan)", "staging leftover: staging/0123"])
        #expect(found.problems.first { $0.kind == .orphanBlob }?.bytes == 11)
        #expect(FileManager.default.fileExists(atPath: data.root.stagingPath + "/0123"), "a check without --repair changes nothing")

        let repaired = try await data.check(repair: true)
        #expect(repaired.problemList == [])
        #expect(repaired.repaired.count == 2)
        #expect(try data.root.stagingFiles() == [])
        #expect(try await data.check(deep: true).problemList == [])
    }

    @Test func partsOfAVanishedUploadAreRemoved() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        try data.damageCatalog("DELETE FROM multipartUpload")
        let found = try await data.check()
        #expect(found.problemList.count == 1)
        #expect(found.problemList[0].hasPrefix("part without upload: part 1 of upload "))

        #expect(try await data.check(repair: true).problemList == [])
        #expect(try !data.root.blobFiles().contains(data.pendingPartBlob))
        #expect(try await data.check().problemList == [])
    }

    @Test func aKeyWithoutItsLatestVersionGetsTheNewest() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        try data.damageCatalog("UPDATE objectVersion SET isLatest = 0 WHERE bucket = 'versioned'")
        #expect(try await data.check().problemList == ["no latest version: versioned/doc"])
        #expect(try await data.check(repair: true).problemList == [])

        let store = try await data.root.open()
        defer { try? store.close() }
        // The newest is the delete marker, as before the damage.
        #expect(await storeErrorCode { try await store.headObject(bucket: "versioned", key: "doc", versionId: nil) } == .noSuchKey)
        #expect(try await store.text("versioned", "doc", versionId: data.versions["versioned/doc"]!.versionId) == "two")
    }

    @Test func damagedRowsAndReferencesAreNamed() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        let secure = data.versions["secure/doc"]!
        let copy = data.versions["plain/copy"]!
        try data.damageCatalog(
            """
            UPDATE objectVersion SET encryption = '{"broken":' WHERE bucket = 'secure';
            UPDATE objectVersion SET blobId = '\(data.versions["plain/a.txt"]!.blobId!)' WHERE key = 'copy';
            UPDATE objectVersion SET etag = 'not-an-md5' WHERE key = 'empty';
            INSERT INTO objectVersion (bucket, key, versionId, isLatest, isDeleteMarker, size, etag, lastModified, storageClass)
                VALUES ('gone', 'k', 'null', 1, 1, 0, '', 0, 'STANDARD');
            """
        )
        let report = try await data.check(repair: true)
        #expect(
            Set(report.problemList) == [
                "broken reference: catalog.sqlite",
                "unreadable catalog row: objectVersion row \(secure.sequence)",
                "blob shared by two entries: plain/copy (version null)",
                "inconsistent version: plain/empty (version null)",
            ]
        )
        // The copy's own blob file, which nothing names now, is an orphan: repair removes it.
        #expect(report.repaired.map(\.subject) == ["blob \(copy.blobId!)"])
        #expect(report.problems.first { $0.kind == .brokenReference }?.detail == "1 row(s) of objectVersion refer to a bucket that does not exist")
    }

    @Test func aServerHoldingTheDataRootStopsTheCheck() async throws {
        let data = try await DamagedDataRoot.make()
        defer { data.root.remove() }
        let store = try await data.root.open()
        defer { try? store.close() }
        await #expect(throws: DataRootInUseError.self) { try await data.check() }
    }

    @Test func aFolderWithoutACatalogIsNoDataRoot() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let error = await #expect(throws: DataRootCheckError.self) {
            try await ObjectStore.check(dataRoot: root.path)
        }
        #expect(error?.description.contains("is not an obslab data root") == true)
        #expect(!FileManager.default.fileExists(atPath: root.path + "/.obslab"), "the check creates nothing")
    }
}
