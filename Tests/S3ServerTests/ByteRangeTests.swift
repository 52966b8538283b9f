import Testing

@testable import S3Server

@Suite struct ByteRangeTests {
    @Test(arguments: [
        ("bytes=0-9", ByteRange.closed(0, 9)),
        ("bytes=10-", ByteRange.from(10)),
        ("bytes=-5", ByteRange.suffix(5)),
        (" bytes=3-3 ", ByteRange.closed(3, 3)),
    ])
    func parses(header: String, expected: ByteRange) {
        #expect(ByteRange(header: header) == expected)
    }

    @Test(arguments: ["bytes=5-1", "bytes=a-b", "items=0-1", "bytes=0-1,3-4", "bytes=", "bytes=-"])
    func ignoresWhatS3Ignores(header: String) {
        #expect(ByteRange(header: header) == nil)
    }

    @Test func resolvesAgainstTheObjectSize() {
        #expect(ByteRange.closed(0, 9).resolve(size: 100) == 0...9)
        #expect(ByteRange.closed(90, 200).resolve(size: 100) == 90...99)
        #expect(ByteRange.from(10).resolve(size: 100) == 10...99)
        #expect(ByteRange.suffix(5).resolve(size: 100) == 95...99)
        #expect(ByteRange.suffix(500).resolve(size: 100) == 0...99)
    }

    @Test func unsatisfiableRanges() {
        #expect(ByteRange.closed(100, 200).resolve(size: 100) == nil)
        #expect(ByteRange.from(100).resolve(size: 100) == nil)
        #expect(ByteRange.suffix(0).resolve(size: 100) == nil)
        #expect(ByteRange.suffix(5).resolve(size: 0) == nil)
    }
}
