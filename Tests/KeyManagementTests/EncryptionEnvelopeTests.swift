import Crypto
import Foundation
import KeyManagement
import NIOCore
import Testing

@Suite struct EncryptionEnvelopeTests {
    /// Encrypts `plaintext` as one PUT would, returning the stored file and the finished envelope.
    static func put(
        _ plaintext: [UInt8],
        _ request: EncryptionRequest,
        kms: KeyManagementService,
        principal: String = owner,
        chunkSize: Int = 64
    ) throws -> (file: [UInt8], envelope: EncryptionEnvelope) {
        var (envelope, dataKey) = try kms.newEnvelope(request, principal: principal, chunkSize: chunkSize)
        var encryptor = ChunkEncryptor(envelope: envelope, dataKey: dataKey)
        var file = ByteBuffer()
        try encryptor.update(ByteBuffer(bytes: plaintext), into: &file)
        envelope.segments = [try encryptor.finish(into: &file)]
        return (file.bytes, envelope)
    }

    static func get(
        _ file: [UInt8],
        _ envelope: EncryptionEnvelope,
        kms: KeyManagementService,
        principal: String = owner,
        customerKey: CustomerKey? = nil,
        range: Range<Int64>? = nil
    ) throws -> [UInt8] {
        let dataKey = try kms.dataKey(for: envelope, principal: principal, customerKey: customerKey)
        var decryptor = try ChunkDecryptor(envelope: envelope, dataKey: dataKey, range: range)
        let stored = ByteBuffer(bytes: file[Int(decryptor.ciphertextRange.lowerBound)..<Int(decryptor.ciphertextRange.upperBound)])
        let plaintext = try decryptor.update(stored)
        try decryptor.finish()
        return plaintext.bytes
    }

    static let plaintext = Array("labels: cat, dog, cat, bird; boxes 10 20 30 40 — and more text to fill several chunks.".utf8)

    @Test func eachModeRoundTripsThroughItsSerialisationAndAReopenedKMS() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let customerKey = try CustomerKey(key: SymmetricKey(size: .bits256))
        let kms = try openKMS(directory)
        let testKey = try kms.describeKey("testkey-1")
        let requests: [(EncryptionRequest, EncryptionEnvelope.Mode)] = [
            (.sseS3, .sseS3),
            (.sseKMS(keyIdOrAlias: "alias/testkey-1"), .sseKMS(keyId: testKey.id)),
            (.sseC(customerKey), .sseC(customerKeyMD5: customerKey.keyMD5)),
        ]
        var stored: [(file: [UInt8], serialized: String, mode: EncryptionEnvelope.Mode)] = []
        for (request, mode) in requests {
            let (file, envelope) = try Self.put(Self.plaintext, request, kms: kms)
            #expect(envelope.mode == mode)
            #expect(envelope.chunkSize == 64)
            #expect(envelope.plaintextSize == Int64(Self.plaintext.count))
            #expect(file.count == Int(envelope.ciphertextSize))
            #expect(try EncryptionEnvelope(serialized: envelope.serialized) == envelope)
            stored.append((file, envelope.serialized, mode))
        }
        #expect(stored[0].serialized.contains("\"mode\":\"AES256\""))
        #expect(stored[1].serialized.contains("\"keyId\":\"\(testKey.id)\""))
        #expect(stored[2].serialized.contains("\"keyMD5\":\"\(customerKey.keyMD5)\""))

        let reopened = try openKMS(directory)
        for (file, serialized, mode) in stored {
            let envelope = try EncryptionEnvelope(serialized: serialized)
            let key: CustomerKey? = if case .sseC = mode { customerKey } else { nil }
            #expect(try Self.get(file, envelope, kms: reopened, customerKey: key) == Self.plaintext)
            #expect(try Self.get(file, envelope, kms: reopened, customerKey: key, range: 60..<70) == Array(Self.plaintext[60..<70]))
        }
    }

    /// The labeling symptom: the service lists the object but cannot read it, until the owner grants it the key.
    @Test func theServiceCannotReadDefaultEncryptedObjectsWithoutAGrant() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let (file, envelope) = try Self.put(Self.plaintext, .sseKMS(keyIdOrAlias: KeyManagementService.defaultKeyAlias), kms: kms)

        let denied = #expect(throws: KMSError.self) { try Self.get(file, envelope, kms: kms, principal: serviceAccount) }
        #expect(denied?.code == .accessDenied)
        #expect(denied?.message.contains("User: modelarts-service is not authorized to perform: kms:Decrypt") == true)
        #expect(denied?.message.contains("alias/obs/default") == true)

        try kms.grant(key: "obs/default", principal: serviceAccount)
        #expect(try Self.get(file, envelope, kms: kms, principal: serviceAccount) == Self.plaintext)
        try kms.disableKey("obs/default")
        let disabled = #expect(throws: KMSError.self) { try Self.get(file, envelope, kms: kms) }
        #expect(disabled?.code == .disabled)

        // Server-managed encryption is readable by every principal that may read the bucket.
        let (managedFile, managed) = try Self.put(Self.plaintext, .sseS3, kms: kms)
        #expect(try Self.get(managedFile, managed, kms: kms, principal: serviceAccount) == Self.plaintext)
    }

    @Test func writingWithAKeyNeedsTheRightToUseIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let denied = #expect(throws: KMSError.self) { try kms.newEnvelope(.sseKMS(keyIdOrAlias: "testkey-2"), principal: otherUser) }
        #expect(denied?.code == .accessDenied)
        let unknown = #expect(throws: KMSError.self) { try kms.newEnvelope(.sseKMS(keyIdOrAlias: "no-such-key"), principal: owner) }
        #expect(unknown?.code == .notFound)
    }

    @Test func customerKeysAreCheckedAndNeverStored() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let keyBytes = (0..<32).map { UInt8($0 * 7 % 256) }
        let base64Key = Data(keyBytes).base64EncodedString()
        let md5 = Data(Insecure.MD5.hash(data: keyBytes)).base64EncodedString()
        let customerKey = try CustomerKey(base64Key: base64Key, base64KeyMD5: md5)
        #expect(customerKey.keyMD5 == md5)
        let (file, envelope) = try Self.put(Self.plaintext, .sseC(customerKey), kms: kms)

        #expect(!envelope.serialized.contains(base64Key))
        #expect(Data(envelope.serialized.utf8).range(of: Data(keyBytes)) == nil)
        #expect(try Self.get(file, envelope, kms: kms, customerKey: CustomerKey(base64Key: base64Key, base64KeyMD5: nil)) == Self.plaintext)

        let wrongKey = try CustomerKey(key: SymmetricKey(size: .bits256))
        let wrong = #expect(throws: EncryptionError.self) { try Self.get(file, envelope, kms: kms, customerKey: wrongKey) }
        #expect(wrong?.code == .customerKeyMismatch)
        let missing = #expect(throws: EncryptionError.self) { try Self.get(file, envelope, kms: kms) }
        #expect(missing?.code == .customerKeyRequired)
        // SSE-C objects are readable by anyone who has the key, whatever the principal.
        #expect(try Self.get(file, envelope, kms: kms, principal: serviceAccount, customerKey: customerKey) == Self.plaintext)

        let (plainFile, managed) = try Self.put(Self.plaintext, .sseS3, kms: kms)
        let notApplicable = #expect(throws: EncryptionError.self) { try Self.get(plainFile, managed, kms: kms, customerKey: customerKey) }
        #expect(notApplicable?.code == .customerKeyNotApplicable)
    }

    @Test func malformedCustomerKeysAreRefused() throws {
        let short = Data(repeating: 1, count: 16).base64EncodedString()
        let good = Data(repeating: 1, count: 32).base64EncodedString()
        for (key, md5, code) in [
            ("not base64!", nil, EncryptionError.Code.invalidCustomerKey),
            (short, nil, .invalidCustomerKey),
            (good, Data(repeating: 0, count: 16).base64EncodedString(), .customerKeyMD5Mismatch),
        ] {
            let error = #expect(throws: EncryptionError.self) { try CustomerKey(base64Key: key, base64KeyMD5: md5) }
            #expect(error?.code == code)
        }
        let wrongSize = #expect(throws: EncryptionError.self) { try CustomerKey(key: SymmetricKey(size: .bits128)) }
        #expect(wrongSize?.code == .invalidCustomerKey)
    }

    @Test func damagedEnvelopesAreCorruptEnvelopeErrors() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        let (_, kmsEnvelope) = try Self.put(Self.plaintext, .sseKMS(keyIdOrAlias: "testkey-1"), kms: kms)
        let otherId = try kms.describeKey("testkey-2").id
        let json = kmsEnvelope.serialized
        let damaged = [
            "",
            "{}",
            "not json",
            json.replacingOccurrences(of: "\"v\":1", with: "\"v\":2"),
            json.replacingOccurrences(of: "\"mode\":\"aws:kms\"", with: "\"mode\":\"AES256\""),
            json.replacingOccurrences(of: "\"keyId\":\"\(kmsEnvelope.mode.kmsKeyId)\"", with: "\"keyId\":\"\(otherId)\""),
            json.replacingOccurrences(of: "\"chunkSize\":64", with: "\"chunkSize\":0"),
            json.replacingOccurrences(of: "\"segments\":[{\"n\":\"", with: "\"segments\":[{\"n\":\"AAAA"),
        ]
        for text in damaged {
            let error = #expect(throws: EncryptionError.self, "\(text)") { try EncryptionEnvelope(serialized: text) }
            #expect(error?.code == .corruptEnvelope)
        }

        // The sealed data key of an SSE-C object damaged: the right customer key is recognised, the envelope is not.
        let customerKey = try CustomerKey(key: SymmetricKey(size: .bits256))
        let (_, sseC) = try Self.put(Self.plaintext, .sseC(customerKey), kms: kms)
        var object = try JSONSerialization.jsonObject(with: Data(sseC.serialized.utf8)) as! [String: Any]
        var sealed = Data(base64Encoded: object["dataKey"] as! String)!
        sealed[20] ^= 1
        object["dataKey"] = sealed.base64EncodedString()
        let tampered = try EncryptionEnvelope(serialized: String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        let error = #expect(throws: EncryptionError.self) { try kms.dataKey(for: tampered, principal: owner, customerKey: customerKey) }
        #expect(error?.code == .corruptEnvelope)
    }

    /// Parts are encrypted separately with the upload's data key and stored one after another.
    @Test func multipartPartsConcatenate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let kms = try openKMS(directory)
        var generator = SeededGenerator(seed: 8)
        let parts = [200, 64, 37].map { randomBytes($0, using: &generator) }
        var (envelope, dataKey) = try kms.newEnvelope(.sseKMS(keyIdOrAlias: "obs/default"), principal: owner, chunkSize: 64)
        let stored = try EncryptionEnvelope(serialized: envelope.serialized)  // as saved at initiation

        var file: [UInt8] = []
        var segments: [EncryptedSegment] = []
        for part in parts {
            let partKey = try kms.dataKey(for: stored, principal: owner, customerKey: nil)  // each UploadPart unwraps again
            var encryptor = ChunkEncryptor(envelope: stored, dataKey: partKey)
            var buffer = try encryptor.update(ByteBuffer(bytes: part))
            segments.append(try encryptor.finish(into: &buffer))
            file += buffer.bytes
        }
        #expect(Set(segments.map(\.noncePrefix)).count == 3)
        envelope.segments = segments
        #expect(envelope.ciphertextSize == Int64(file.count))
        let all = parts.flatMap { $0 }
        var decryptor = try ChunkDecryptor(envelope: envelope, dataKey: dataKey)
        #expect(try decryptor.update(ByteBuffer(bytes: file)).bytes == all)
        try decryptor.finish()
        #expect(try Self.get(file, envelope, kms: kms, range: 190..<270) == Array(all[190..<270]))
    }
}

extension EncryptionEnvelope.Mode {
    fileprivate var kmsKeyId: String {
        if case .sseKMS(let keyId) = self { keyId } else { "" }
    }
}
