import Crypto
import Foundation
import KeyManagement
import Testing

@testable import ObjectStore

/// Encryption at rest through the store: ciphertext on disk, decryption only for a principal the key allows.
struct EncryptionTests {
    /// 300 KiB of text that never repeats a 16-byte window, so finding any window of it on disk would mean a leak.
    static let plaintext: [UInt8] = Array((0..<20_000).map { "line \($0) of the secret\n" }.joined().utf8.prefix(300 * 1024))

    func putEncrypted(
        _ store: ObjectStore, _ key: String, _ encryption: EncryptionRequest, principal: String = "owner"
    ) async throws
        -> ObjectVersion
    {
        let pieces = stride(from: 0, to: Self.plaintext.count, by: 70_000).map { Array(Self.plaintext[$0..<min($0 + 70_000, Self.plaintext.count)]) }
        let staged = try await store.stage(Chunks(pieces), encryption: encryption, principal: principal)
        return try await store.putObject(bucket: "secure", key: key, staged: staged, attributes: ObjectAttributes())
    }

    /// Whether any 16-byte window of the plaintext appears in the blob files.
    func leaksPlaintext(_ root: TemporaryDataRoot) throws -> Bool {
        let windows = Set(stride(from: 0, to: Self.plaintext.count - 16, by: 1).map { Self.plaintext[$0..<$0 + 16] })
        for file in try root.blobFiles() {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: root.blobsPath + "/" + file.prefix(2) + "/" + file)))
            guard bytes.count >= 16 else { continue }
            for start in 0...(bytes.count - 16) where windows.contains(bytes[start..<start + 16]) { return true }
        }
        return false
    }

    @Test(arguments: [EncryptionRequest.sseS3, .sseKMS(keyIdOrAlias: "testkey-1")])
    func managedEncryptionIsCiphertextOnDisk(_ encryption: EncryptionRequest) async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("secure")
            let version = try await putEncrypted(store, "doc", encryption)
            #expect(version.size == Int64(Self.plaintext.count))
            #expect(version.etag == md5Hex(Self.plaintext))
            #expect(try await store.bytes(version) == Self.plaintext)
            #expect(try await store.bytes(version, range: 65_530...65_545) == Array(Self.plaintext[65_530...65_545]))
            #expect(try !leaksPlaintext(root))
        }
    }

    @Test func theLeakCheckFindsPlaintext() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("secure")
            try await store.put("secure", "plain", Self.plaintext)
            #expect(try leaksPlaintext(root))
        }
    }

    @Test func kmsGrantsDecideWhoReads() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("secure")
            let version = try await putEncrypted(store, "doc", .sseKMS(keyIdOrAlias: "testkey-1"))
            let reader = ReadAccess(principal: "modelarts-service")
            #expect(throws: KMSError.self) { try store.read(version, access: reader) }
            try store.kms.grant(key: "testkey-1", principal: "modelarts-service")
            #expect(try await store.bytes(version, access: reader) == Self.plaintext)
            try store.kms.disableKey("testkey-1")
            #expect(throws: KMSError.self) { try store.read(version, access: .owner) }
        }
    }

    @Test func customerKeysAreNeededToReadAndNeverStored() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("secure")
            let key = try CustomerKey(key: SymmetricKey(size: .bits256))
            let version = try await putEncrypted(store, "doc", .sseC(key))
            #expect(throws: EncryptionError.self) { try store.read(version, access: .owner) }
            let wrong = try CustomerKey(key: SymmetricKey(size: .bits256))
            #expect(throws: EncryptionError.self) { try store.read(version, access: ReadAccess(principal: "owner", customerKey: wrong)) }
            #expect(try await store.bytes(version, access: ReadAccess(principal: "owner", customerKey: key)) == Self.plaintext)
            #expect(try !leaksPlaintext(root))
            let keyBytes = key.key.withUnsafeBytes { Array($0) }
            let catalog = try Data(contentsOf: URL(fileURLWithPath: root.path + "/.obslab/catalog.sqlite"))
            #expect(catalog.range(of: Data(keyBytes)) == nil)
        }
    }

    @Test func aTamperedBlobFailsToRead() async throws {
        try await withStore { store, root in
            _ = try await store.createBucket("secure")
            let version = try await putEncrypted(store, "doc", .sseS3)
            let file = try #require(try root.blobFiles().first)
            let path = root.blobsPath + "/" + file.prefix(2) + "/" + file
            var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[100_000] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            await #expect(throws: EncryptionError.self) { try await store.bytes(version) }
            // A range in an untouched chunk still reads.
            #expect(try await store.bytes(version, range: 0...99) == Array(Self.plaintext[0...99]))
        }
    }

    @Test func encryptedMultipartConcatenatesSegments() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("secure")
            let upload = try await store.createMultipartUpload(
                bucket: "secure", key: "big", attributes: ObjectAttributes(), encryption: .sseKMS(keyIdOrAlias: "testkey-2"), principal: "owner"
            )
            let first = randomBytes(5 * 1024 * 1024 + 3)
            let second = randomBytes(70_001)
            var parts: [CompletedPart] = []
            for (number, bytes) in [(1, first), (2, second)] {
                let staged = try await store.stagePart(Chunks([bytes]), bucket: "secure", key: "big", uploadId: upload.uploadId, access: .owner)
                let part = try await store.uploadPart(bucket: "secure", key: "big", uploadId: upload.uploadId, partNumber: number, staged: staged)
                parts.append(CompletedPart(partNumber: number, etag: part.etag))
            }
            // A part staged without the upload's encryption is refused.
            let plain = try await store.stage(Chunks([second]))
            await #expect(throws: StoreError.self) {
                try await store.uploadPart(bucket: "secure", key: "big", uploadId: upload.uploadId, partNumber: 3, staged: plain)
            }
            let version = try await store.completeMultipartUpload(bucket: "secure", key: "big", uploadId: upload.uploadId, parts: parts)
            #expect(version.size == Int64(first.count + second.count))
            #expect(version.encryption?.segments.count == 2)
            let boundary = Int64(first.count)
            #expect(
                try await store.bytes(version, range: (boundary - 10)...(boundary + 10))
                    == Array((first + second)[Int(boundary - 10)...Int(boundary + 10)]))
            #expect(try await store.bytes(version) == first + second)
        }
    }

    @Test func copyMovesDataBetweenEncryptionSettings() async throws {
        try await withStore { store, _ in
            _ = try await store.createBucket("secure")
            let customerKey = try CustomerKey(key: SymmetricKey(size: .bits256))
            let source = try await putEncrypted(store, "ssec", .sseC(customerKey))
            let sourceAccess = ReadAccess(principal: "owner", customerKey: customerKey)
            let kmsCopy = try await store.copyObject(
                source: source, bucket: "secure", key: "kms", attributes: ObjectAttributes(), sourceAccess: sourceAccess,
                encryption: .sseKMS(keyIdOrAlias: "testkey-1")
            )
            #expect(kmsCopy.encryption?.mode == .sseKMS(keyId: try store.kms.describeKey("testkey-1").id))
            #expect(kmsCopy.etag == source.etag)
            #expect(try await store.bytes(kmsCopy) == Self.plaintext)
            let plainCopy = try await store.copyObject(
                source: kmsCopy, bucket: "secure", key: "plain", attributes: ObjectAttributes(), sourceAccess: .owner
            )
            #expect(plainCopy.encryption == nil)
            #expect(try await store.bytes(plainCopy) == Self.plaintext)
        }
    }

    @Test func bucketDefaultEncryptionPersists() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        var store = try await root.open()
        _ = try await store.createBucket("secure")
        try await store.setBucketEncryption("secure", BucketEncryption(algorithm: .kms, kmsKeyId: "testkey-2"))
        try store.close()
        store = try await root.open()
        #expect(try await store.bucket("secure").defaultEncryption?.kmsKeyId == "testkey-2")
        try await store.setBucketEncryption("secure", nil)
        #expect(try await store.bucket("secure").defaultEncryption == nil)
        try store.close()
    }
}
