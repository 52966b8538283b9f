import Foundation
import S3Protocol
import Testing

/// CRC combination, checked against the CRC of the concatenated bytes and against ceph s3-tests' published
/// FULL_OBJECT values for three 5 MiB parts of 'A', 'B' and 'C'.
struct ChecksumCombineTests {
    static func crc(_ algorithm: ChecksumAlgorithm, _ bytes: [UInt8]) -> [UInt8] {
        var checksummer = Checksummer(algorithm)
        checksummer.update(bytes)
        return checksummer.finalizeBytes()
    }

    @Test(arguments: [ChecksumAlgorithm.crc32, .crc32c, .crc64nvme], [0, 1, 7, 8, 9, 1000, 65_537])
    func combinedEqualsConcatenated(algorithm: ChecksumAlgorithm, secondLength: Int) {
        var generator = SplitMix64(seed: UInt64(secondLength) + 1)
        let first = (0..<333).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let second = (0..<secondLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let combined = algorithm.combine(Self.crc(algorithm, first), Self.crc(algorithm, second), secondLength: Int64(secondLength))
        #expect(combined == Self.crc(algorithm, first + second))
    }

    @Test(arguments: [
        (ChecksumAlgorithm.crc32, "WgDhBQ=="), (.crc32c, "xU+Krw=="), (.crc64nvme, "i+6LR0y3eFo="),
    ])
    func cephFullObjectValues(algorithm: ChecksumAlgorithm, expected: String) {
        let size = 5 * 1024 * 1024
        let parts = ["A", "B", "C"].map { [UInt8](repeating: $0.utf8.first!, count: size) }
        var value = Data(Self.crc(algorithm, parts[0])).base64EncodedString()
        for part in parts.dropFirst() {
            value = algorithm.combine(base64: value, Data(Self.crc(algorithm, part)).base64EncodedString(), secondLength: Int64(size))!
        }
        #expect(value == expected)
    }

    @Test func shaCannotCombine() {
        #expect(!ChecksumAlgorithm.sha256.isCombinable)
        #expect(ChecksumAlgorithm.sha1.combine([UInt8](repeating: 0, count: 20), [UInt8](repeating: 0, count: 20), secondLength: 1) == nil)
    }
}
