import Foundation
import GRDB
import KeyManagement
import Logging
import Testing

@testable import ObjectStore

/// The data root's secrets at rest: sealed under a root key kept elsewhere, private files, and the conversion of data
/// roots written before root keys.
struct RootKeyTests {
    static let plaintext = Array((0..<4_000).map { "confidential line \($0)\n" }.joined().utf8)

    func putEncrypted(_ store: ObjectStore, _ key: String, _ encryption: EncryptionRequest) async throws {
        let staged = try await store.stage(Chunks([Self.plaintext]), encryption: encryption, principal: "owner")
        _ = try await store.putObject(bucket: "secure", key: key, staged: staged, attributes: ObjectAttributes())
    }

    /// A store with a user and SSE-S3 and SSE-KMS objects; returns the user.
    func populate(_ store: ObjectStore) async throws -> User {
        _ = try await store.createBucket("secure")
        try await putEncrypted(store, "s3", .sseS3)
        try await putEncrypted(store, "kms", .sseKMS(keyIdOrAlias: "testkey-1"))
        return try await store.createUser(name: "alice")
    }

    func expectReadable(_ store: ObjectStore, user: User) async throws {
        for key in ["s3", "kms"] {
            #expect(try await store.bytes(try await store.headObject(bucket: "secure", key: key, versionId: nil)) == Self.plaintext)
        }
        #expect(try await store.user(accessKey: user.accessKey) == user)
        #expect(try await store.listUsers() == [user])
    }

    /// Every file below `.obslab`, by path relative to it.
    func files(_ root: TemporaryDataRoot) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let base = root.path + "/.obslab"
        let enumerator = FileManager.default.enumerator(atPath: base)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: base + "/" + relative)))
            }
        }
        return files
    }

    /// Paths below `.obslab` (itself included, as "") whose mode is not 0600 for files or 0700 for folders.
    func unprivate(_ root: TemporaryDataRoot) throws -> [String] {
        let base = root.path + "/.obslab"
        var wrong: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: base)
        for relative in [""] + ((enumerator?.allObjects as? [String]) ?? []) {
            let attributes = try FileManager.default.attributesOfItem(atPath: base + "/" + relative)
            let expected = attributes[.type] as? FileAttributeType == .typeDirectory ? 0o700 : 0o600
            if attributes[.posixPermissions] as? Int != expected { wrong.append(relative) }
        }
        return wrong
    }

    func occurrences(of needles: [[UInt8]], in files: [String: [UInt8]]) -> [String] {
        files.compactMap { name, bytes in
            needles.contains { needle in
                bytes.count >= needle.count && (0...(bytes.count - needle.count)).contains { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
            } ? name : nil
        }
    }

    @Test func aNewDataRootKeepsNoSecretInTheClearAndOnlyForItsUser() async throws {
        try await withStore { store, root in
            let user = try await populate(store)
            try await expectReadable(store, user: user)
            let files = try files(root)
            #expect(files["root-key-check.json"] != nil)
            #expect(occurrences(of: [Array(user.secretKey.utf8)], in: files).isEmpty)
            #expect(try unprivate(root).isEmpty)
        }
    }

    @Test func anotherRootKeyIsRefusedAndChangesNothing() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        let user = try await populate(store)
        try store.close()
        let before = try files(root)

        let refused = await #expect(throws: RootKeyError.self) { try await root.open(rootKey: .generate()) }
        #expect(refused?.code == .wrongRootKey)
        #expect(
            refused?.message.contains(
                "the data root's keys are encrypted under another root key; give the one it was created with via --root-key-file or OBSLAB_ROOT_KEY"
            ) == true
        )
        #expect(try files(root) == before)

        let reopened = try await root.open()
        try await expectReadable(reopened, user: user)
        try reopened.close()
    }

    @Test func aDataRootThatLostItsKeyStoreIsNotGivenNewKeys() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        _ = try await populate(store)
        try store.close()
        try FileManager.default.removeItem(atPath: root.path + "/.obslab/kms")

        let refused = await #expect(throws: KMSError.self) { try await root.open() }
        #expect(refused?.message.contains("refusing to start with new keys") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/.obslab/kms/material").isEmpty)
    }

    @Test func anEarlierVersionsDataRootIsConvertedOnItsFirstOpen() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        let user = try await populate(store)
        try store.close()
        let legacy = try LegacyDataRoot.downgrade(root, from: root.rootKey)
        let legacyFiles = try files(root)
        #expect(!occurrences(of: [Array(user.secretKey.utf8)], in: legacyFiles).isEmpty)  // the scan below can find it
        #expect(!occurrences(of: Array(legacy.material.values), in: legacyFiles).isEmpty)
        #expect(try !unprivate(root).isEmpty)

        // The first open with a root key (any: the earlier version had none) seals everything under it.
        let newKey = RootKey.generate()
        let converted = try await root.open(rootKey: newKey)
        try await expectReadable(converted, user: user)
        try converted.close()

        let files = try files(root)
        #expect(occurrences(of: [Array(user.secretKey.utf8)] + Array(legacy.material.values), in: files).isEmpty)
        #expect(!files.keys.contains { $0.hasSuffix(".key") })
        #expect(try unprivate(root).isEmpty)
        #expect(try RootKeyCheck(path: root.path + "/.obslab/root-key-check.json").verify(newKey, dataRoot: root.path))

        let again = try await root.open(rootKey: newKey)
        try await expectReadable(again, user: user)
        try again.close()
        await #expect(throws: RootKeyError.self) { try await root.open(rootKey: root.rootKey) }
    }

    @Test func aConversionInterruptedAfterTheUsersResumesOnlyWithTheSameKey() async throws {
        let root = try TemporaryDataRoot()
        defer { root.remove() }
        let store = try await root.open()
        let user = try await populate(store)
        try store.close()
        _ = try LegacyDataRoot.downgrade(root, from: root.rootKey)
        // A crash after the users' secrets were sealed under `first`, before the KMS material was.
        let first = RootKey.generate()
        let catalog = try ObjectCatalog.open(path: root.path + "/.obslab/catalog.sqlite")
        let quiet = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        try await ObjectStore.sealUserSecrets(in: catalog, rootKey: first, checked: false, logger: quiet)
        try catalog.close()
        let interrupted = try files(root)
        #expect(interrupted.keys.contains { $0.hasSuffix(".key") })

        let refused = await #expect(throws: RootKeyError.self) { try await root.open(rootKey: .generate()) }
        #expect(refused?.message.contains("another root key") == true)
        #expect(try files(root).filter { !$0.key.hasPrefix("catalog.sqlite") } == interrupted.filter { !$0.key.hasPrefix("catalog.sqlite") })

        let resumed = try await root.open(rootKey: first)
        try await expectReadable(resumed, user: user)
        try resumed.close()
        #expect(try !files(root).keys.contains { $0.hasSuffix(".key") })
    }
}
