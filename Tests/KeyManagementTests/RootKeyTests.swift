import Foundation
import KeyManagement
import Testing

@Suite struct RootKeyTests {
    static let bytes: [UInt8] = (0..<32).map { UInt8($0 * 7 + 3) }
    static var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }
    static var base64: String { Data(bytes).base64EncodedString() }

    @Test(arguments: [hex, hex.uppercased(), base64, "  \(base64)\n", "\n\(hex)\n"])
    func textFormsNameTheSameKey(text: String) throws {
        let key = try RootKey(text: text, source: "test")
        let reference = try RootKey(bytes: Self.bytes)
        let sealed = reference.seal(Data("secret".utf8), context: "c")
        #expect(key.open(sealed, context: "c") == Array("secret".utf8))
    }

    @Test(arguments: ["", "abc", String(hex.dropLast()), hex + "00", "+" + String(hex.dropFirst()), Data(bytes + [1]).base64EncodedString()])
    func anythingButTwoHundredFiftySixBitsIsRefusedWithoutEchoingIt(text: String) {
        let error = #expect(throws: RootKeyError.self) { try RootKey(text: text, source: "$OBSLAB_ROOT_KEY") }
        #expect(error?.code == .invalidKey)
        #expect(error?.message.contains("$OBSLAB_ROOT_KEY") == true)
        #expect(error?.message.contains("256 bits") == true)
        if text.count > 2 {
            #expect(error?.message.contains(text) == false)
        }
    }

    @Test func sealedValuesOpenOnlyWithTheirKeyAndContext() throws {
        let key = RootKey.generate()
        let plaintext = Array("the secret key of alice".utf8)
        let sealed = key.seal(plaintext, context: "user-secret:AKIA1")
        #expect(key.open(sealed, context: "user-secret:AKIA1") == plaintext)
        #expect(key.open(sealed, context: "user-secret:AKIA2") == nil)
        #expect(RootKey.generate().open(sealed, context: "user-secret:AKIA1") == nil)
        for index in sealed.indices {
            var damaged = sealed
            damaged[index] ^= 0x01
            #expect(key.open(damaged, context: "user-secret:AKIA1") == nil)
        }
        #expect(key.open(Array(sealed.dropLast()), context: "user-secret:AKIA1") == nil)
        #expect(key.open([], context: "user-secret:AKIA1") == nil)
        #expect(sealed.count == 1 + 12 + plaintext.count + 16)
        #expect(!sealed.contains(subsequence: plaintext))
        #expect(key.seal(plaintext, context: "user-secret:AKIA1") != sealed)  // a fresh nonce each time
    }

    @Test func filesHoldRawBytesOrText() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let reference = try RootKey(bytes: Self.bytes)
        let sealed = reference.seal(Data("x".utf8), context: "c")
        for (name, content) in [("raw", Data(Self.bytes)), ("hex", Data((Self.hex + "\n").utf8)), ("b64", Data(Self.base64.utf8))] {
            let path = directory.path + "/" + name
            try content.write(to: URL(fileURLWithPath: path))
            #expect(try RootKey(contentsOfFile: path).open(sealed, context: "c") == Array("x".utf8), "\(name)")
        }
        let garbage = directory.path + "/garbage"
        try Data("not a key at all".utf8).write(to: URL(fileURLWithPath: garbage))
        let invalid = #expect(throws: RootKeyError.self) { try RootKey(contentsOfFile: garbage) }
        #expect(invalid?.code == .invalidKey)
        #expect(invalid?.message.contains(garbage) == true)

        let missing = #expect(throws: RootKeyError.self) { try RootKey(contentsOfFile: directory.path + "/nothing") }
        #expect(missing?.code == .unavailable)
        #expect(missing?.message.contains("does not exist") == true)
        #expect(missing?.message.contains("openssl rand -base64 32") == true)
    }

    @Test func theDefaultFileIsCreatedOnceOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/config/obslab/root.key"
        let (first, created) = try RootKey.loadOrCreate(file: path)
        #expect(created)
        let manager = FileManager.default
        #expect(try manager.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try manager.attributesOfItem(atPath: directory.path + "/config/obslab")[.posixPermissions] as? Int == 0o700)
        #expect(RootKey.unsafeMode(ofFile: path) == nil)
        #expect(try manager.contentsOfDirectory(atPath: directory.path + "/config/obslab") == ["root.key"])

        let (second, createdAgain) = try RootKey.loadOrCreate(file: path)
        #expect(!createdAgain)
        let sealed = first.seal(Data("x".utf8), context: "c")
        #expect(second.open(sealed, context: "c") == Array("x".utf8))

        #expect(chmod(path, 0o644) == 0)
        #expect(RootKey.unsafeMode(ofFile: path) == "644")
    }

    @Test func theCheckTellsTheRightKeyFromAnotherAndFromDamage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let check = RootKeyCheck(path: directory.path + "/root-key-check.json")
        let key = RootKey.generate()
        #expect(try check.verify(key, dataRoot: "/data") == false)
        try check.write(key)
        #expect(try check.verify(key, dataRoot: "/data") == true)
        #expect(try FileManager.default.attributesOfItem(atPath: check.path)[.posixPermissions] as? Int == 0o600)

        let wrong = #expect(throws: RootKeyError.self) { try check.verify(RootKey.generate(), dataRoot: "/data") }
        #expect(wrong?.code == .wrongRootKey)
        #expect(
            wrong?.message.contains(
                "the data root's keys are encrypted under another root key; give the one it was created with via --root-key-file or OBSLAB_ROOT_KEY"
            ) == true
        )
        #expect(wrong?.message.contains("/data") == true)

        try Data("{\"formatVersion\": 1, \"check\": ".utf8).write(to: URL(fileURLWithPath: check.path))
        let damaged = #expect(throws: RootKeyError.self) { try check.verify(key, dataRoot: "/data") }
        #expect(damaged?.code == .undecryptable)
        #expect(damaged?.message.contains("damaged") == true)
    }
}
