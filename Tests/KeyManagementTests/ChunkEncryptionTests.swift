import Crypto
import Foundation
import NIOCore
import Testing

@testable import KeyManagement

@Suite struct ChunkEncryptionTests {
    /// Encrypts `parts` as consecutive segments (a PUT is one part), feeding each in random pieces.
    static func encrypt(
        _ parts: [[UInt8]],
        dataKey: SymmetricKey,
        chunkSize: Int,
        maximumPiece: Int,
        using generator: inout SeededGenerator
    ) throws -> (ciphertext: [UInt8], segments: [EncryptedSegment]) {
        var ciphertext: [UInt8] = []
        var segments: [EncryptedSegment] = []
        for part in parts {
            var encryptor = ChunkEncryptor(dataKey: dataKey, chunkSize: chunkSize)
            for piece in randomPieces(part, maximum: maximumPiece, using: &generator) {
                ciphertext += try encryptor.update(piece).bytes
            }
            let (last, segment) = try encryptor.finish()
            ciphertext += last.bytes
            segments.append(segment)
        }
        return (ciphertext, segments)
    }

    /// Reads `range` the way the engine would: the stored bytes of `ciphertextRange`, fed in random pieces.
    static func decrypt(
        _ storedFile: [UInt8],
        envelope: EncryptionEnvelope,
        dataKey: SymmetricKey,
        range: Range<Int64>? = nil,
        maximumPiece: Int = 50,
        using generator: inout SeededGenerator
    ) throws -> [UInt8] {
        var decryptor = try ChunkDecryptor(envelope: envelope, dataKey: dataKey, range: range)
        let wanted = decryptor.ciphertextRange
        let stored = Array(storedFile[Int(wanted.lowerBound)..<min(Int(wanted.upperBound), storedFile.count)])
        var plaintext = ByteBuffer()
        for piece in randomPieces(stored, maximum: maximumPiece, using: &generator) {
            try decryptor.update(piece, into: &plaintext)
        }
        try decryptor.finish()
        return plaintext.bytes
    }

    static func envelope(chunkSize: Int, segments: [EncryptedSegment]) throws -> (EncryptionEnvelope, SymmetricKey) {
        let dataKey = SymmetricKey(size: .bits256)
        let customerKey = try CustomerKey(key: SymmetricKey(size: .bits256))
        var (envelope, _) = try EncryptionEnvelope.sealed(for: customerKey, chunkSize: chunkSize)
        envelope.segments = segments
        return (envelope, dataKey)
    }

    /// A plaintext split into parts of `sizes`, encrypted, with its envelope and key.
    struct Object {
        let plaintext: [UInt8]
        let ciphertext: [UInt8]
        let envelope: EncryptionEnvelope
        let dataKey: SymmetricKey

        init(partSizes: [Int], chunkSize: Int, maximumPiece: Int = 40, seed: UInt64 = 1) throws {
            var generator = SeededGenerator(seed: seed)
            let parts = partSizes.map { randomBytes($0, using: &generator) }
            let dataKey = SymmetricKey(size: .bits256)
            let (ciphertext, segments) = try ChunkEncryptionTests.encrypt(
                parts,
                dataKey: dataKey,
                chunkSize: chunkSize,
                maximumPiece: maximumPiece,
                using: &generator
            )
            var (envelope, _) = try ChunkEncryptionTests.envelope(chunkSize: chunkSize, segments: [])
            envelope.segments = segments
            self.plaintext = parts.flatMap { $0 }
            self.ciphertext = ciphertext
            self.envelope = envelope
            self.dataKey = dataKey
        }

        func decrypt(_ file: [UInt8]? = nil, range: Range<Int64>? = nil, seed: UInt64 = 2) throws -> [UInt8] {
            var generator = SeededGenerator(seed: seed)
            return try ChunkEncryptionTests.decrypt(file ?? ciphertext, envelope: envelope, dataKey: dataKey, range: range, using: &generator)
        }
    }

    @Test(arguments: [0, 1, 63, 64, 65, 128, 64 * 7 + 13])
    func roundTripWithSmallChunks(size: Int) throws {
        for (seed, maximumPiece) in [(UInt64(1), 1), (2, 17), (3, 200)] {
            let object = try Object(partSizes: [size], chunkSize: 64, maximumPiece: maximumPiece, seed: seed)
            #expect(object.ciphertext.count == Int(EncryptionEnvelope.ciphertextSize(forPlaintextSize: Int64(size), chunkSize: 64)))
            #expect(object.ciphertext.count == Int(object.envelope.ciphertextSize))
            #expect(object.envelope.plaintextSize == Int64(size))
            #expect(try object.envelope.ciphertextRange(forPlaintext: 0..<Int64(size)) == 0..<Int64(object.ciphertext.count))
            #expect(try object.decrypt(seed: seed) == object.plaintext)
        }
    }

    @Test(arguments: [0, 1, 65535, 65536, 65537, 3 * 65536 + 100])
    func roundTripWithDefaultChunks(size: Int) throws {
        let object = try Object(partSizes: [size], chunkSize: EncryptionEnvelope.defaultChunkSize, maximumPiece: 100_000)
        #expect(object.ciphertext.count == size + 16 * (size / 65536 + 1))
        #expect(try object.decrypt() == object.plaintext)
    }

    @Test func ciphertextSizes() {
        #expect(EncryptionEnvelope.ciphertextSize(forPlaintextSize: 0) == 16)
        #expect(EncryptionEnvelope.ciphertextSize(forPlaintextSize: 1) == 17)
        #expect(EncryptionEnvelope.ciphertextSize(forPlaintextSize: 65535) == 65535 + 16)
        #expect(EncryptionEnvelope.ciphertextSize(forPlaintextSize: 65536) == 65536 + 32)
        #expect(EncryptionEnvelope.ciphertextSize(forPlaintextSize: 5 << 30) == (5 << 30) + 16 * ((5 << 14) + 1))
    }

    /// Every range, around every chunk and segment boundary, of a one-part and a multipart object.
    @Test(arguments: [[16 * 4 + 5], [16 * 3], [33, 16, 0, 20]])
    func everyRangeDecryptsToTheRightBytes(partSizes: [Int]) throws {
        let object = try Object(partSizes: partSizes, chunkSize: 16)
        let total = object.plaintext.count
        var seed: UInt64 = 10
        for lower in 0...total {
            for upper in lower...total {
                seed += 1
                let bytes = try object.decrypt(range: Int64(lower)..<Int64(upper), seed: seed)
                #expect(bytes == Array(object.plaintext[lower..<upper]), "\(lower)..<\(upper)")
            }
        }
    }

    @Test func rangesReadOnlyTheChunksTheyNeed() throws {
        let object = try Object(partSizes: [100], chunkSize: 16)  // 6 full chunks and a final one of 4 bytes
        #expect(try object.envelope.ciphertextRange(forPlaintext: 0..<1) == 0..<32)
        #expect(try object.envelope.ciphertextRange(forPlaintext: 16..<32) == 32..<64)
        #expect(try object.envelope.ciphertextRange(forPlaintext: 15..<17) == 0..<64)
        #expect(try object.envelope.ciphertextRange(forPlaintext: 96..<100) == 192..<212)
        #expect(try object.envelope.ciphertextRange(forPlaintext: 100..<100) == 192..<212)
        #expect(try object.envelope.ciphertextRange(forPlaintext: 50..<50).isEmpty)
        let outside = #expect(throws: EncryptionError.self) { try object.envelope.ciphertextRange(forPlaintext: 90..<101) }
        #expect(outside?.code == .invalidRange)
    }

    @Test func anyFlippedByteIsDetected() throws {
        let object = try Object(partSizes: [50, 20], chunkSize: 16)
        for index in object.ciphertext.indices {
            var damaged = object.ciphertext
            damaged[index] ^= 0x20
            let error = #expect(throws: EncryptionError.self, "byte \(index)") { try object.decrypt(damaged) }
            #expect(error?.code == .integrityFailure)
        }
        // A range over the damaged chunk fails too; a range elsewhere is unaffected.
        var damaged = object.ciphertext
        damaged[40] ^= 0x01  // inside chunk 1 (ciphertext 32..<64)
        #expect(throws: EncryptionError.self) { try object.decrypt(damaged, range: 20..<21) }
        #expect(try object.decrypt(damaged, range: 0..<16) == Array(object.plaintext[0..<16]))
    }

    @Test func truncationIsDetected() throws {
        let object = try Object(partSizes: [64], chunkSize: 16)  // 4 full chunks and an empty final chunk
        for dropped in 1...40 {
            let error = #expect(throws: EncryptionError.self, "\(dropped)") { try object.decrypt(Array(object.ciphertext.dropLast(dropped))) }
            #expect(error?.code == .integrityFailure)
        }
        // Dropping whole chunks and claiming a shorter size in the catalog does not help: no chunk left is final.
        var forged = object.envelope
        forged.segments = [EncryptedSegment(noncePrefix: object.envelope.segments[0].noncePrefix, plaintextSize: 48)]
        var generator = SeededGenerator(seed: 3)
        #expect(throws: EncryptionError.self) {
            try Self.decrypt(Array(object.ciphertext.prefix(3 * 32 + 16)), envelope: forged, dataKey: object.dataKey, using: &generator)
        }
    }

    @Test func moreBytesThanTheRangeAreRefused() throws {
        let object = try Object(partSizes: [20], chunkSize: 16)
        var decryptor = try ChunkDecryptor(envelope: object.envelope, dataKey: object.dataKey)
        let error = #expect(throws: EncryptionError.self) { try decryptor.update(ByteBuffer(bytes: object.ciphertext + [0])) }
        #expect(error?.code == .integrityFailure)
    }

    @Test func reorderedChunksAndSegmentsAreDetected() throws {
        let object = try Object(partSizes: [40, 40], chunkSize: 16)  // per part: chunks of 32, 32 and 8+16 stored bytes
        var swappedChunks = object.ciphertext
        swappedChunks.replaceSubrange(0..<64, with: object.ciphertext[32..<64] + object.ciphertext[0..<32])
        #expect(throws: EncryptionError.self) { try object.decrypt(swappedChunks) }

        let part = 40 + 3 * 16
        let swappedParts = Array(object.ciphertext[part...] + object.ciphertext[..<part])
        #expect(throws: EncryptionError.self) { try object.decrypt(swappedParts) }

        let other = try Object(partSizes: [40, 40], chunkSize: 16, seed: 9)
        var mixed = object.ciphertext
        mixed.replaceSubrange(32..<64, with: other.ciphertext[32..<64])
        #expect(throws: EncryptionError.self) { try object.decrypt(mixed) }
    }

    /// A last chunk that was not sealed as final is refused even when its bytes are intact.
    @Test func theLastChunkMustBeSealedAsFinal() throws {
        let dataKey = SymmetricKey(size: .bits256)
        let prefix: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        let plaintext = Array(repeating: UInt8(7), count: 20)
        func sealed(_ chunk: ArraySlice<UInt8>, index: UInt32, final: Bool) throws -> [UInt8] {
            let box = try AES.GCM.seal(
                chunk,
                using: dataKey,
                nonce: ChunkLayout.nonce(prefix: prefix, index: index),
                authenticating: ChunkLayout.authenticatedData(index: index, final: final)
            )
            return Array(box.ciphertext) + Array(box.tag)
        }
        var (envelope, _) = try Self.envelope(chunkSize: 16, segments: [])
        envelope.segments = [EncryptedSegment(noncePrefix: prefix, plaintextSize: 20)]
        var generator = SeededGenerator(seed: 4)

        let honest = try sealed(plaintext[0..<16], index: 0, final: false) + sealed(plaintext[16...], index: 1, final: true)
        #expect(try Self.decrypt(honest, envelope: envelope, dataKey: dataKey, using: &generator) == plaintext)
        let notFinal = try sealed(plaintext[0..<16], index: 0, final: false) + sealed(plaintext[16...], index: 1, final: false)
        #expect(throws: EncryptionError.self) { try Self.decrypt(notFinal, envelope: envelope, dataKey: dataKey, using: &generator) }
        let finalTooEarly = try sealed(plaintext[0..<16], index: 0, final: true) + sealed(plaintext[16...], index: 1, final: true)
        #expect(throws: EncryptionError.self) { try Self.decrypt(finalTooEarly, envelope: envelope, dataKey: dataKey, using: &generator) }
    }

    @Test func noSixteenByteWindowOfThePlaintextAppearsInTheCiphertext() throws {
        struct Window: Hashable {
            let high: UInt64
            let low: UInt64
            init(_ bytes: ArraySlice<UInt8>) {
                var high: UInt64 = 0
                var low: UInt64 = 0
                for (offset, byte) in bytes.enumerated() {
                    if offset < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
                }
                self.high = high
                self.low = low
            }
        }
        let text = (0..<6000).map { "line \($0): the quick brown fox jumps over the lazy dog\n" }.joined()
        let plaintext = Array(text.utf8)
        let windows = Set((0...(plaintext.count - 16)).map { Window(plaintext[$0..<$0 + 16]) })
        var generator = SeededGenerator(seed: 5)
        let dataKey = SymmetricKey(size: .bits256)
        let (ciphertext, _) = try Self.encrypt(
            [plaintext],
            dataKey: dataKey,
            chunkSize: EncryptionEnvelope.defaultChunkSize,
            maximumPiece: 70_000,
            using: &generator
        )
        let leaked = (0...(ciphertext.count - 16)).filter { windows.contains(Window(ciphertext[$0..<$0 + 16])) }
        #expect(plaintext.count > 300_000)
        #expect(leaked.isEmpty)

        // The same plaintext under the same key encrypts differently: every segment draws its own nonce prefix.
        let (again, _) = try Self.encrypt(
            [plaintext],
            dataKey: dataKey,
            chunkSize: EncryptionEnvelope.defaultChunkSize,
            maximumPiece: 70_000,
            using: &generator
        )
        #expect(Array(again.prefix(64)) != Array(ciphertext.prefix(64)))
    }

    @Test func aWrongDataKeyFails() throws {
        let object = try Object(partSizes: [30], chunkSize: 16)
        var generator = SeededGenerator(seed: 6)
        let error = #expect(throws: EncryptionError.self) {
            try Self.decrypt(object.ciphertext, envelope: object.envelope, dataKey: SymmetricKey(size: .bits256), using: &generator)
        }
        #expect(error?.code == .integrityFailure)
    }
}
