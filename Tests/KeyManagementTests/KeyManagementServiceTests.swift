import Crypto
import Foundation
import KeyManagement
import Logging
import Testing

@Suite struct KeyManagementServiceTests {
    @Test func firstOpenCreatesTheTestKeysOwnedByTheOwner() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)

        let keys = kms.listKeys()
        #expect(keys.map(\.aliases) == [["testkey-1"], ["testkey-2"]])
        for key in keys {
            #expect(key.owner == owner)
            #expect(key.state == .enabled)
            #expect(key.grants.isEmpty)
            #expect(key.arn == "arn:aws:kms:us-east-1:000000000000:key/\(key.id)")
            #expect(UUID(uuidString: key.id) != nil && key.id == key.id.lowercased())
        }
        #expect(!keys.contains { $0.aliases.contains(KeyManagementService.defaultKeyAlias) })
    }

    @Test func filesAreOwnerOnlyAndOutsideAnyCatalog() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)

        let manager = FileManager.default
        let material = try manager.contentsOfDirectory(atPath: directory.kmsPath + "/material").sorted()
        #expect(material.count == 3)  // the two test keys and the server-managed key
        for key in kms.listKeys() {
            #expect(material.contains(key.id + ".sealed"))
        }
        for name in material {
            let path = directory.kmsPath + "/material/" + name
            #expect(try manager.attributesOfItem(atPath: path)[.size] as? Int == 1 + 12 + 32 + 16)  // sealed: version, nonce, key, tag
            #expect(try manager.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        }
        #expect(try manager.attributesOfItem(atPath: directory.kmsPath + "/keys.json")[.posixPermissions] as? Int == 0o600)
        #expect(try manager.attributesOfItem(atPath: directory.kmsPath)[.posixPermissions] as? Int == 0o700)
    }

    @Test func keysGrantsAndStatesSurviveReopening() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let before: [KMSKey]
        let wrapped: WrappedKey
        let dataKey: SymmetricKey
        do {
            let kms = try openKMS(directory)
            let created = try kms.createKey(alias: "alias/project-a", owner: otherUser, description: "for tests")
            try kms.grant(key: "project-a", principal: serviceAccount)
            try kms.disableKey("testkey-2")
            try kms.resolveForEncryption("obs/default", principal: owner)
            (dataKey, wrapped) = try kms.generateDataKey(keyIdOrAlias: created.id, principal: otherUser)
            before = kms.listKeys()
        }
        let kms = try openKMS(directory)
        #expect(kms.listKeys() == before)
        #expect(try kms.describeKey("project-a").grants == [serviceAccount])
        #expect(try kms.describeKey("project-a").description == "for tests")
        #expect(try kms.describeKey("testkey-2").state == .disabled)
        let restored = try WrappedKey(bytes: wrapped.bytes)
        #expect(try kms.unwrap(restored, principal: serviceAccount) == dataKey)
    }

    @Test func defaultKeyIsCreatedOnFirstUseOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)

        let missing = #expect(throws: KMSError.self) { try kms.describeKey("obs/default") }
        #expect(missing?.code == .notFound)

        let created = try kms.resolveForEncryption("obs/default", principal: owner)
        #expect(created.aliases == ["obs/default"])
        #expect(created.owner == owner)
        #expect(try kms.resolveForEncryption("alias/obs/default", principal: owner).id == created.id)
        #expect(try kms.generateDataKey(keyIdOrAlias: "obs/default", principal: owner).wrapped.keyId == created.id)
        #expect(kms.listKeys().count == 3)
        #expect(try openKMS(directory).describeKey("obs/default").id == created.id)

        let unknown = #expect(throws: KMSError.self) { try kms.resolveForEncryption("obs/other", principal: owner) }
        #expect(unknown?.code == .notFound)
    }

    @Test func defaultKeyCreatedByAnotherPrincipalStillBelongsToTheOwner() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)

        let denied = #expect(throws: KMSError.self) { try kms.generateDataKey(keyIdOrAlias: "obs/default", principal: serviceAccount) }
        #expect(denied?.code == .accessDenied)
        #expect(try kms.describeKey("obs/default").owner == owner)
    }

    @Test func everyFormOfReferenceNamesTheSameKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let key = try kms.describeKey("testkey-1")

        let references = [
            "testkey-1",
            "alias/testkey-1",
            key.id,
            key.id.uppercased(),
            key.arn,
            "arn:aws:kms:eu-west-1:123456789012:key/\(key.id)",
            "arn:aws:kms:us-east-1:000000000000:alias/testkey-1",
            "cn-north-4:0a1b2c3d4e5f:key/\(key.id)",  // OBS style
        ]
        for reference in references {
            #expect(try kms.describeKey(reference).id == key.id, "\(reference)")
        }
        #expect(try kms.describeKey("testkey-2").id != key.id)

        let unknownId = #expect(throws: KMSError.self) { try kms.describeKey(UUID().uuidString) }
        #expect(unknownId?.code == .notFound)
        let unknownAlias = #expect(throws: KMSError.self) { try kms.describeKey("alias/nope") }
        #expect(unknownAlias?.code == .notFound)
        #expect(unknownAlias?.message.contains("alias/nope") == true)
        for malformed in ["", "alias/", "bad name", "alias/white space", "arn:aws:kms:r:a:key/not-a-uuid"] {
            let error = #expect(throws: KMSError.self) { try kms.describeKey(malformed) }
            #expect(error?.code == .validation, "\(malformed)")
        }
    }

    @Test func ownerGranteeAndServicePrincipal() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let key = try kms.describeKey("testkey-1")
        let (dataKey, wrapped) = try kms.generateDataKey(keyIdOrAlias: "testkey-1", principal: owner)
        #expect(try kms.unwrap(wrapped, principal: owner) == dataKey)

        for principal in [otherUser, serviceAccount] {
            let denied = #expect(throws: KMSError.self) { try kms.unwrap(wrapped, principal: principal) }
            #expect(denied?.code == .accessDenied)
            #expect(denied?.principal == principal)
            #expect(denied?.keyId == key.id)
            #expect(denied?.message.contains("User: \(principal) is not authorized to perform: kms:Decrypt on resource: \(key.arn)") == true)
            #expect(denied?.message.contains("alias/testkey-1") == true)
            let encrypt = #expect(throws: KMSError.self) { try kms.generateDataKey(keyIdOrAlias: key.id, principal: principal) }
            #expect(encrypt?.code == .accessDenied)
            #expect(encrypt?.message.contains("kms:GenerateDataKey") == true)
        }

        #expect(try kms.grant(key: "testkey-1", principal: otherUser).grants == [otherUser])
        #expect(try kms.grant(key: "testkey-1", principal: otherUser).grants == [otherUser])  // idempotent
        #expect(try kms.grant(key: "testkey-1", principal: owner).grants == [otherUser])  // the owner needs no grant
        #expect(try kms.unwrap(wrapped, principal: otherUser) == dataKey)
        #expect(throws: KMSError.self) { try kms.unwrap(wrapped, principal: serviceAccount) }
        #expect(throws: KMSError.self) { try kms.unwrap(wrapped, principal: owner.uppercased()) }  // principals are exact

        try kms.disableKey("testkey-1")
        for principal in [owner, otherUser] {
            let disabled = #expect(throws: KMSError.self) { try kms.unwrap(wrapped, principal: principal) }
            #expect(disabled?.code == .disabled)
            #expect(disabled?.message.contains(key.arn) == true)
            let encrypt = #expect(throws: KMSError.self) { try kms.generateDataKey(keyIdOrAlias: "testkey-1", principal: principal) }
            #expect(encrypt?.code == .disabled)
        }
        let stillDenied = #expect(throws: KMSError.self) { try kms.unwrap(wrapped, principal: serviceAccount) }
        #expect(stillDenied?.code == .accessDenied)

        try kms.enableKey("testkey-1")
        #expect(try kms.unwrap(wrapped, principal: owner) == dataKey)
        #expect(try kms.revoke(key: "testkey-1", principal: otherUser).grants.isEmpty)
        let revoked = #expect(throws: KMSError.self) { try kms.unwrap(wrapped, principal: otherUser) }
        #expect(revoked?.code == .accessDenied)
        #expect(try kms.unwrap(wrapped, principal: owner) == dataKey)
    }

    @Test func createKeyChecksItsAlias() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)

        let taken = #expect(throws: KMSError.self) { try kms.createKey(alias: "alias/testkey-1", owner: owner) }
        #expect(taken?.code == .alreadyExists)
        let idShaped = #expect(throws: KMSError.self) { try kms.createKey(alias: UUID().uuidString, owner: owner) }
        #expect(idShaped?.code == .validation)
        let badOwner = #expect(throws: KMSError.self) { try kms.createKey(alias: "x", owner: "") }
        #expect(badOwner?.code == .validation)

        let anonymous = try kms.createKey(alias: nil, owner: otherUser)
        #expect(anonymous.aliases.isEmpty)
        #expect(try kms.describeKey(anonymous.id) == anonymous)
        let named = try kms.createKey(alias: "team/labels", owner: otherUser)
        #expect(try kms.describeKey("alias/team/labels") == named)
        #expect(kms.listKeys().suffix(2).map(\.id) == [anonymous.id, named.id])
        #expect(try kms.generateDataKey(keyIdOrAlias: "team/labels", principal: otherUser).wrapped.keyId == named.id)
        #expect(throws: KMSError.self) { try kms.generateDataKey(keyIdOrAlias: "team/labels", principal: owner) }
    }

    @Test func grantAndRevokeErrorsNameTheKeyAndPrincipal() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)

        let notGranted = #expect(throws: KMSError.self) { try kms.revoke(key: "testkey-2", principal: serviceAccount) }
        #expect(notGranted?.code == .notFound)
        #expect(notGranted?.message.contains(serviceAccount) == true)
        #expect(notGranted?.message.contains("alias/testkey-2") == true)
        let ownerRight = #expect(throws: KMSError.self) { try kms.revoke(key: "testkey-2", principal: owner) }
        #expect(ownerRight?.code == .validation)
        let unknownKey = #expect(throws: KMSError.self) { try kms.grant(key: "missing-key", principal: serviceAccount) }
        #expect(unknownKey?.code == .notFound)
        #expect(unknownKey?.message.contains("missing-key") == true)
        let badPrincipal = #expect(throws: KMSError.self) { try kms.grant(key: "testkey-2", principal: "two words") }
        #expect(badPrincipal?.code == .validation)
        let disableUnknown = #expect(throws: KMSError.self) { try kms.disableKey("obs/default") }
        #expect(disableUnknown?.code == .notFound)
    }

    @Test func serverManagedKeyNeedsNoGrant() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (dataKey, wrapped) = try openKMS(directory).generateManagedDataKey()
        #expect(wrapped.isServerManaged)

        let kms = try openKMS(directory)
        #expect(try kms.unwrapManaged(WrappedKey(bytes: wrapped.bytes)) == dataKey)
        let viaKMS = #expect(throws: KMSError.self) { try kms.unwrap(wrapped, principal: owner) }
        #expect(viaKMS?.code == .invalidKeyUsage)
        let kmsWrapped = try kms.generateDataKey(keyIdOrAlias: "testkey-1", principal: owner).wrapped
        let viaManaged = #expect(throws: KMSError.self) { try kms.unwrapManaged(kmsWrapped) }
        #expect(viaManaged?.code == .invalidKeyUsage)

        let elsewhere = try TemporaryDirectory()
        defer { elsewhere.remove() }
        let foreign = #expect(throws: KMSError.self) { try openKMS(elsewhere).unwrapManaged(wrapped) }
        #expect(foreign?.code == .notFound)
    }

    @Test func damagedWrappedKeysAreRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let wrapped = try kms.generateDataKey(keyIdOrAlias: "testkey-1", principal: owner).wrapped
        let other = try kms.describeKey("testkey-2")
        try kms.grant(key: "testkey-2", principal: owner)

        var flipped = wrapped.bytes
        flipped[flipped.count - 20] ^= 0x01
        let damaged = #expect(throws: KMSError.self) { try kms.unwrap(WrappedKey(bytes: flipped), principal: owner) }
        #expect(damaged?.code == .invalidCiphertext)

        // The same sealed bytes claimed by another key (ids have the same length): the header is authenticated.
        let header = 3 + wrapped.keyId.utf8.count
        let relabelled = Array(wrapped.bytes[..<3]) + Array(other.id.utf8) + Array(wrapped.bytes[header...])
        let swapped = #expect(throws: KMSError.self) { try kms.unwrap(WrappedKey(bytes: relabelled), principal: owner) }
        #expect(swapped?.code == .invalidCiphertext)

        for malformed in [[], Array(wrapped.bytes.dropLast()), [9] + Array(wrapped.bytes.dropFirst())] {
            let error = #expect(throws: KMSError.self) { try WrappedKey(bytes: malformed) }
            #expect(error?.code == .invalidCiphertext)
        }
    }

    @Test func corruptMetadataIsAClearErrorNotANewKeySet() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let id = try openKMS(directory).describeKey("testkey-1").id
        let metadata = directory.kmsPath + "/keys.json"
        let original = try Data(contentsOf: URL(fileURLWithPath: metadata))

        try Data("{\"formatVersion\": 1, \"keys\": [".utf8).write(to: URL(fileURLWithPath: metadata))
        let corrupt = #expect(throws: KMSError.self) { try openKMS(directory) }
        #expect(corrupt?.code == .internal)
        #expect(corrupt?.message.contains("keys.json") == true)
        #expect(corrupt?.message.contains("corrupt") == true)

        try FileManager.default.removeItem(atPath: metadata)
        let missing = #expect(throws: KMSError.self) { try openKMS(directory) }
        #expect(missing?.code == .internal)
        #expect(missing?.message.contains("missing") == true)

        try original.write(to: URL(fileURLWithPath: metadata))
        #expect(try openKMS(directory).describeKey("testkey-1").id == id)
    }

    @Test func missingOrDamagedMaterialIsAClearError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let id = try openKMS(directory).describeKey("testkey-2").id
        let path = directory.kmsPath + "/material/\(id).sealed"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))

        try Data(original.dropLast()).write(to: URL(fileURLWithPath: path))
        let short = #expect(throws: RootKeyError.self) { try openKMS(directory) }
        #expect(short?.code == .undecryptable)
        #expect(short?.message.contains(id) == true)

        try FileManager.default.removeItem(atPath: path)
        let missing = #expect(throws: KMSError.self) { try openKMS(directory) }
        #expect(missing?.message.contains(id) == true)
        #expect(missing?.message.contains("missing") == true)

        try original.write(to: URL(fileURLWithPath: path))
        #expect(try openKMS(directory).describeKey(id).aliases == ["testkey-2"])
    }

    @Test func leftoverTemporaryFilesAreRemoved() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try openKMS(directory)
        let stray = directory.kmsPath + "/keys.json.tmp-interrupted"
        try Data("partial".utf8).write(to: URL(fileURLWithPath: stray))
        _ = try openKMS(directory)
        #expect(!FileManager.default.fileExists(atPath: stray))
    }

    @Test func concurrentUseIsSafe() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let principal = "user-\(index)"
                    try kms.grant(key: "testkey-1", principal: principal)
                    let (dataKey, wrapped) = try kms.generateDataKey(keyIdOrAlias: "obs/default", principal: owner)
                    #expect(try kms.unwrap(wrapped, principal: owner) == dataKey)
                    #expect(try kms.describeKey("testkey-1").allows(principal))
                }
            }
            try await group.waitForAll()
        }
        #expect(try kms.describeKey("testkey-1").grants.count == 8)
        #expect(kms.listKeys().filter { $0.aliases == ["obs/default"] }.count == 1)
        #expect(try openKMS(directory).describeKey("testkey-1").grants.count == 8)
    }
}
