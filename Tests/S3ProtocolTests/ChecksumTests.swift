import Foundation
import NIOCore
import S3Protocol
import Testing

struct ChecksumTests {
    static func hexDigest(_ algorithm: ChecksumAlgorithm, _ string: String) -> String {
        var checksummer = Checksummer(algorithm)
        checksummer.update(Array(string.utf8))
        return hex(checksummer.finalizeBytes())
    }

    @Test func standardCheckValues() {
        #expect(Self.hexDigest(.crc32, "123456789") == "cbf43926")
        #expect(Self.hexDigest(.crc32c, "123456789") == "e3069283")
        #expect(Self.hexDigest(.crc64nvme, "123456789") == "ae8b14860a799888")
        #expect(Self.hexDigest(.sha1, "abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Self.hexDigest(.sha256, "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Base64 values computed in Python: zlib.crc32, and bit-by-bit CRC32C/CRC64NVME, hashlib for the SHAs.
    @Test(arguments: [
        (ChecksumAlgorithm.crc32, "Hello World", "ShexVg=="),
        (.crc32c, "Hello World", "aR2qLw=="),
        (.crc64nvme, "Hello World", "ZZYyy35L4mE="),
        (.sha1, "Hello World", "Ck1VqNd45QIvq3AZd8XYQLvEhtA="),
        (.sha256, "Hello World", "pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4="),
        (.crc32, "hello world!", "A7TCbQ=="),
        (.crc32c, "hello world!", "SctXdw=="),
        (.crc64nvme, "hello world!", "2RYNH6jkGOM="),
        (.crc32, "", "AAAAAA=="),
        (.crc64nvme, "", "AAAAAAAAAAA="),
    ])
    func base64MatchesPython(algorithm: ChecksumAlgorithm, input: String, expected: String) {
        #expect(Checksummer.checksum(algorithm, of: Array(input.utf8)) == expected)
    }

    /// `bytes(range(256)) * 5`, long enough to run the slicing-by-8 loop at every alignment.
    @Test(arguments: [(ChecksumAlgorithm.crc32, "HnptJA=="), (.crc32c, "I7YsmA=="), (.crc64nvme, "ILLm0gZ30xI=")])
    func longInputMatchesPython(algorithm: ChecksumAlgorithm, expected: String) {
        let input = (0..<5).flatMap { _ in (0...255).map { UInt8($0) } }
        #expect(Checksummer.checksum(algorithm, of: input) == expected)
    }

    @Test(arguments: ChecksumAlgorithm.allCases)
    func incrementalEqualsOneShot(algorithm: ChecksumAlgorithm) {
        var generator = SplitMix64(seed: 1)
        let input = (0..<10007).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let oneShot = Checksummer.checksum(algorithm, of: input)
        for pieceSize in [1, 3, 7, 8, 9, 64, 1000, 4096] {
            var checksummer = Checksummer(algorithm)
            var offset = 0
            while offset < input.count {
                let end = min(offset + pieceSize, input.count)
                checksummer.update(ByteBuffer(bytes: input[offset..<end]))
                offset = end
            }
            #expect(checksummer.finalize() == oneShot, "pieces of \(pieceSize)")
        }
    }

    @Test func headerNamesAndLengths() {
        #expect(ChecksumAlgorithm.crc64nvme.headerName == "x-amz-checksum-crc64nvme")
        #expect(ChecksumAlgorithm(headerName: "X-Amz-Checksum-CRC32C") == .crc32c)
        #expect(ChecksumAlgorithm(headerName: "x-amz-checksum-mode") == nil)
        #expect(ChecksumAlgorithm(headerName: "x-amz-checksum-type") == nil)
        #expect(ChecksumAlgorithm.crc32.isValid(base64: "ShexVg=="))
        #expect(!ChecksumAlgorithm.crc32.isValid(base64: "ZZYyy35L4mE="))
        #expect(!ChecksumAlgorithm.sha256.isValid(base64: "not base64"))
    }

    @Test func declaredChecksumFromHeaderTrailerOrAlgorithm() throws {
        #expect(
            try DeclaredChecksum.find(in: [("x-amz-checksum-crc32", "ShexVg=="), ("x-amz-sdk-checksum-algorithm", "CRC32")])
                == DeclaredChecksum(algorithm: .crc32, source: .header("ShexVg=="))
        )
        #expect(
            try DeclaredChecksum.find(in: [("X-Amz-Trailer", "x-amz-checksum-crc64nvme")])
                == DeclaredChecksum(algorithm: .crc64nvme, source: .trailer)
        )
        #expect(
            try DeclaredChecksum.find(in: [("x-amz-sdk-checksum-algorithm", "sha256")])
                == DeclaredChecksum(algorithm: .sha256, source: .algorithmOnly)
        )
        #expect(try DeclaredChecksum.find(in: [("x-amz-checksum-mode", "ENABLED"), ("Content-Type", "x")]) == nil)
    }

    @Test(arguments: [
        [("x-amz-checksum-crc32", "ShexVg=="), ("x-amz-checksum-sha1", "Ck1VqNd45QIvq3AZd8XYQLvEhtA=")],
        [("x-amz-trailer", "x-amz-checksum-md5")],
        [("x-amz-sdk-checksum-algorithm", "MD5")],
        [("x-amz-checksum-crc32", "ShexVg=="), ("x-amz-sdk-checksum-algorithm", "CRC32C")],
    ])
    func invalidDeclarationsAreInvalidRequests(headers: [(String, String)]) {
        let error = #expect(throws: S3ProtocolError.self) { try DeclaredChecksum.find(in: headers.map { (name: $0.0, value: $0.1) }) }
        #expect(error?.code == .invalidRequest)
    }

    /// A value that cannot be a digest of its algorithm cannot match the body either: BadDigest, as ceph s3-tests expect.
    @Test func anImpossibleValueIsABadDigest() {
        let error = #expect(throws: S3ProtocolError.self) { try DeclaredChecksum.find(in: [(name: "x-amz-checksum-crc32", value: "short")]) }
        #expect(error?.code == .badDigest)
    }
}
