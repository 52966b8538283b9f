import Crypto
import Foundation
import GRDB
import KeyManagement

@testable import ObjectStore

/// A data root with one of everything the check looks at, closed, ready to be damaged by a test: plain objects with a
/// stored SHA-256, an empty object, versions and a delete marker, an SSE-S3 object, a plain and an encrypted multipart
/// object (the plain one with a composite SHA-256), a copy (a hard link to its source's blob), and a pending upload with
/// a part.
struct DamagedDataRoot {
    let root: TemporaryDataRoot
    /// The versions written, by `bucket/key` (the latest for the versioned key).
    let versions: [String: ObjectVersion]
    let pendingPartBlob: String

    static let fiveMiB = 5 * 1024 * 1024

    static func make() async throws -> DamagedDataRoot {
        let root = try TemporaryDataRoot()
        let store = try await root.open()
        var versions: [String: ObjectVersion] = [:]
        _ = try await store.createBucket("plain")
        let text = Array("the quick brown fox\n".utf8)
        versions["plain/a.txt"] = try await store.put("plain", "a.txt", text, attributes: ObjectAttributes(checksums: ["SHA256": sha256(text)]))
        versions["plain/empty"] = try await store.put("plain", "empty", [])
        versions["plain/copy"] = try await store.copyObject(
            source: versions["plain/a.txt"]!, bucket: "plain", key: "copy", attributes: ObjectAttributes(), sourceAccess: .owner
        )

        _ = try await store.createBucket("versioned")
        try await store.setVersioning("versioned", .enabled)
        try await store.put("versioned", "doc", "one")
        versions["versioned/doc"] = try await store.put("versioned", "doc", "two")
        _ = try await store.deleteObject(bucket: "versioned", key: "doc", versionId: nil)

        _ = try await store.createBucket("secure")
        let staged = try await store.stage(Chunks([randomBytes(200_000)]), encryption: .sseS3, principal: "owner")
        versions["secure/doc"] = try await store.putObject(bucket: "secure", key: "doc", staged: staged, attributes: ObjectAttributes())

        _ = try await store.createBucket("multi")
        // Parts but the last must be 5 MiB; repeated bytes are fast to make in a debug build.
        var first = [UInt8](repeating: 0x5A, count: fiveMiB)
        first.replaceSubrange(0..<1000, with: randomBytes(1000))
        versions["multi/plain"] = try await multipart(store, "plain", [first, randomBytes(1000)], encryption: nil)
        versions["multi/secure"] = try await multipart(store, "secure", [randomBytes(70_000)], encryption: .sseS3)

        let pending = try await store.createMultipartUpload(bucket: "multi", key: "pending", attributes: ObjectAttributes(), principal: "owner")
        let part = try await store.stage(Chunks([randomBytes(3000)]))
        _ = try await store.uploadPart(bucket: "multi", key: "pending", uploadId: pending.uploadId, partNumber: 1, staged: part)
        try store.close()
        return DamagedDataRoot(root: root, versions: versions, pendingPartBlob: part.id)
    }

    /// A multipart object of `parts`; the plaintext one gets S3's composite SHA-256 over its parts.
    private static func multipart(
        _ store: ObjectStore, _ key: String, _ parts: [[UInt8]], encryption: EncryptionRequest?
    ) async throws
        -> ObjectVersion
    {
        let upload = try await store.createMultipartUpload(
            bucket: "multi", key: key, attributes: ObjectAttributes(), encryption: encryption, principal: "owner"
        )
        var completed: [CompletedPart] = []
        for (index, bytes) in parts.enumerated() {
            let staged = try await store.stagePart(Chunks([bytes]), bucket: "multi", key: key, uploadId: upload.uploadId, access: .owner)
            let checksums = encryption == nil ? ["SHA256": sha256(bytes)] : [:]
            let part = try await store.uploadPart(
                bucket: "multi", key: key, uploadId: upload.uploadId, partNumber: index + 1, staged: staged, checksums: checksums
            )
            completed.append(CompletedPart(partNumber: part.partNumber, etag: part.etag))
        }
        return try await store.completeMultipartUpload(bucket: "multi", key: key, uploadId: upload.uploadId, parts: completed) { _, stored in
            guard encryption == nil else { return ObjectChecksums() }
            let digests = stored.flatMap { Data(base64Encoded: $0.checksums["SHA256"]!)! }
            return ObjectChecksums(checksums: ["SHA256": sha256(digests) + "-\(stored.count)"], checksumType: "COMPOSITE")
        }
    }

    func check(deep: Bool = false, repair: Bool = false) async throws -> CheckReport {
        try await ObjectStore.check(dataRoot: root.path, options: CheckOptions(deep: deep, repair: repair, digest: Self.digest))
    }

    static let digest: @Sendable (String) -> (any ContentDigest)? = { $0 == "SHA256" ? SHA256Digest() : nil }

    func blobPath(_ key: String) -> String {
        let id = versions[key]!.blobId!
        return root.blobsPath + "/" + id.prefix(2) + "/" + id
    }

    /// Runs SQL on the closed catalog with foreign keys off, as damage would.
    func damageCatalog(_ sql: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: root.path + "/.obslab/catalog.sqlite", configuration: configuration)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    /// Overwrites one byte of a blob file, keeping its size.
    func flipByte(of key: String, at offset: UInt64) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: blobPath(key)))
        try handle.seek(toOffset: offset)
        let byte = try handle.read(upToCount: 1)![0]
        try handle.seek(toOffset: offset)
        try handle.write(contentsOf: [byte ^ 0xFF])
        try handle.close()
    }

    func truncate(_ key: String, to size: UInt64) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: blobPath(key)))
        try handle.truncate(atOffset: size)
        try handle.close()
    }
}

struct SHA256Digest: ContentDigest {
    var hash = SHA256()

    mutating func update(_ bytes: UnsafeRawBufferPointer) { hash.update(bufferPointer: bytes) }

    func finalizeBytes() -> [UInt8] { Array(hash.finalize()) }
}

func sha256(_ bytes: some Sequence<UInt8>) -> String {
    Data(SHA256.hash(data: Array(bytes))).base64EncodedString()
}

extension CheckReport {
    /// The kinds of the problems left, with their subjects.
    var problemList: [String] { problems.map { "\($0.kind): \($0.subject)" } }
}
