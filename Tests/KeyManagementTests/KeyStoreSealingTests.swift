@preconcurrency import Crypto
import Foundation
import Logging
import Synchronization
import Testing

@testable import KeyManagement

/// The KMS's material at rest: sealed under the root key, and what versions before root keys left in the clear.
@Suite struct KeyStoreSealingTests {
    @Test func materialIsSealedAndBoundToItsKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let (one, two) = (try kms.describeKey("testkey-1").id, try kms.describeKey("testkey-2").id)
        let secrets = kms.state.withLock { state in
            state.material.values.map { $0.withUnsafeBytes { Array($0) } } + [state.managedKey.withUnsafeBytes { Array($0) }]
        }
        #expect(secrets.count == 3)
        for (name, bytes) in try filesBelow(directory.path) {
            for secret in secrets {
                #expect(!bytes.contains(subsequence: secret), "key material in the clear in \(name)")
            }
        }

        // The sealed material of one key does not pass for another's.
        let material = directory.kmsPath + "/material/"
        #expect(rename(material + one + ".sealed", material + "swap") == 0)
        #expect(rename(material + two + ".sealed", material + one + ".sealed") == 0)
        #expect(rename(material + "swap", material + two + ".sealed") == 0)
        let swapped = #expect(throws: RootKeyError.self) { try openKMS(directory) }
        #expect(swapped?.code == .undecryptable)
    }

    @Test func anotherRootKeyOpensNothingAndChangesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try openKMS(directory).createKey(alias: "mine", owner: owner)
        let before = try filesBelow(directory.path)

        let refused = #expect(throws: RootKeyError.self) { try openKMS(directory, rootKey: .generate()) }
        #expect(refused?.code == .undecryptable)
        #expect(refused?.message.contains("another root key") == true)
        #expect(try filesBelow(directory.path) == before)
        #expect(try openKMS(directory).describeKey("mine").aliases == ["mine"])
    }

    @Test func plaintextMaterialOfAnEarlierVersionIsSealedOnOpen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let legacy = try LegacyKeyStore.write(in: directory.kmsPath)

        let kms = try openKMS(directory)
        #expect(kms.listKeys().map(\.aliases) == [["testkey-1"], ["testkey-2"], ["obs/default"]])
        #expect(try kms.describeKey("obs/default").grants == ["modelarts-service"])
        // Data keys wrapped before the conversion still open: the material is the same.
        let (dataKey, wrapped) = try kms.generateDataKey(keyIdOrAlias: "testkey-2", principal: owner)
        #expect(try wrapped.open(with: SymmetricKey(data: legacy.material[legacy.ids[2]]!)) == dataKey)
        let (managedDataKey, managedWrapped) = try kms.generateManagedDataKey()
        #expect(try managedWrapped.open(with: SymmetricKey(data: legacy.material[legacy.ids[0]]!)) == managedDataKey)

        let files = try filesBelow(directory.kmsPath)
        #expect(files.keys.sorted() == ["keys.json"] + legacy.ids.map { "material/\($0).sealed" }.sorted())
        for (name, bytes) in files {
            for secret in legacy.material.values {
                #expect(!bytes.contains(subsequence: secret), "key material in the clear in \(name)")
            }
            #expect(try FileManager.default.attributesOfItem(atPath: directory.kmsPath + "/" + name)[.posixPermissions] as? Int == 0o600)
        }
        let metadata = try JSONSerialization.jsonObject(with: Data(files["keys.json"]!)) as? [String: Any]
        #expect(metadata?["formatVersion"] as? Int == 2)
        for folder in [directory.kmsPath, directory.kmsPath + "/material"] {
            #expect(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int == 0o700)
        }
        #expect(try openKMS(directory).describeKey("obs/default").id == legacy.ids[3])
    }

    @Test func anInterruptedConversionIsFinishedOnTheNextOpen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let legacy = try LegacyKeyStore.write(in: directory.kmsPath)
        // Interrupted after the sealed file of the first key was made durable, before its plaintext was removed; the
        // other keys untouched, keys.json still in format 1.
        let keyDirectory = KeyDirectory(path: directory.kmsPath, rootKey: directory.rootKey)
        try keyDirectory.writeMaterial(SymmetricKey(data: legacy.material[legacy.ids[1]]!), id: legacy.ids[1])
        #expect(FileManager.default.fileExists(atPath: keyDirectory.plaintextPath(legacy.ids[1])))

        let kms = try openKMS(directory)
        #expect(kms.listKeys().count == 3)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.kmsPath + "/material")
        #expect(names.sorted() == legacy.ids.map { $0 + ".sealed" }.sorted())
    }

    @Test func twoDifferentMaterialsForOneKeyAreNeverChosenBetween() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let legacy = try LegacyKeyStore.write(in: directory.kmsPath)
        let keyDirectory = KeyDirectory(path: directory.kmsPath, rootKey: directory.rootKey)
        try keyDirectory.writeMaterial(SymmetricKey(size: .bits256), id: legacy.ids[1])
        let before = try filesBelow(directory.path)

        let refused = #expect(throws: KMSError.self) { try openKMS(directory) }
        #expect(refused?.message.contains("two different materials") == true)
        #expect(try filesBelow(directory.path) == before)
    }

    @Test func keyChangesAreDurableAndVisibleToConcurrentUse() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<6 {
                group.addTask { try kms.createKey(alias: "k\(index)", owner: owner) }
                group.addTask {
                    let (dataKey, wrapped) = try kms.generateDataKey(keyIdOrAlias: "testkey-1", principal: owner)
                    #expect(try kms.unwrap(wrapped, principal: owner) == dataKey)
                }
            }
            try await group.waitForAll()
        }
        let reopened = try openKMS(directory)
        #expect(Set(reopened.listKeys().flatMap(\.aliases)) == Set(["testkey-1", "testkey-2"] + (0..<6).map { "k\($0)" }))
    }
}

/// A KMS directory as obslab wrote it before root keys: `keys.json` in format 1 and each key's 32 bytes in the clear in
/// `material/<id>.key`, files 0644 in folders 0755.
struct LegacyKeyStore {
    /// The managed key, testkey-1, testkey-2 and obs/default.
    let ids: [String]
    let material: [String: [UInt8]]

    static func write(in path: String) throws -> LegacyKeyStore {
        let ids = (0..<4).map { _ in UUID().uuidString.lowercased() }
        var material: [String: [UInt8]] = [:]
        try FileManager.default.createDirectory(atPath: path + "/material", withIntermediateDirectories: true)
        for id in ids {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            material[id] = bytes
            try Data(bytes).write(to: URL(fileURLWithPath: path + "/material/\(id).key"))
            chmod(path + "/material/\(id).key", 0o644)
        }
        let json = """
            {
              "formatVersion" : 1,
              "keys" : [
                {"aliases": ["testkey-1"], "creationDate": "2025-01-02T03:04:05Z", "description": "", "grants": [],
                 "id": "\(ids[1])", "owner": "\(owner)", "state": "Enabled"},
                {"aliases": ["testkey-2"], "creationDate": "2025-01-02T03:04:05Z", "description": "", "grants": [],
                 "id": "\(ids[2])", "owner": "\(owner)", "state": "Enabled"},
                {"aliases": ["obs/default"], "creationDate": "2025-01-02T03:04:06Z", "description": "Default key for OBS",
                 "grants": ["modelarts-service"], "id": "\(ids[3])", "owner": "\(owner)", "state": "Enabled"}
              ],
              "managedKey" : {"creationDate": "2025-01-02T03:04:05Z", "id": "\(ids[0])"}
            }
            """
        try Data(json.utf8).write(to: URL(fileURLWithPath: path + "/keys.json"))
        chmod(path + "/keys.json", 0o644)
        chmod(path + "/material", 0o755)
        chmod(path, 0o755)
        return LegacyKeyStore(ids: ids, material: material)
    }
}
