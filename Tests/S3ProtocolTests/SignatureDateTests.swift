import Foundation
import S3Protocol
import Testing

struct SignatureDateTests {
    @Test func parsesBothSignatureFormatsToTheSameInstant() throws {
        let amz = try #require(SignatureDate.parseAmzDate("20130524T000000Z"))
        #expect(amz.timeIntervalSince1970 == 1_369_353_600)
        #expect(SignatureDate.parseRFC1123("Fri, 24 May 2013 00:00:00 GMT") == amz)
        #expect(SignatureDate.parseRFC1123("24 May 2013 02:00:00 +0200") == amz)
        #expect(SignatureDate.parseRFC1123("Thu, 23 May 2013 19:30:00 -0430") == amz)
        #expect(SignatureDate.amzDate(amz) == "20130524T000000Z")
        #expect(SignatureDate.iso8601(amz) == "2013-05-24T00:00:00Z")
    }

    @Test(arguments: ["", "20130524T000000", "2013-05-24T00:00:00Z", "20131324T000000Z", "20130524T250000Z"])
    func rejectsMalformedAmzDates(value: String) {
        #expect(SignatureDate.parseAmzDate(value) == nil)
    }

    @Test(arguments: ["", "Fri, 24 Foo 2013 00:00:00 GMT", "Fri, 24 May 2013 00:00 GMT", "Fri, 24 May 2013 00:00:00 PST"])
    func rejectsMalformedHTTPDates(value: String) {
        #expect(SignatureDate.parseRFC1123(value) == nil)
    }

    /// Found by fuzzing: a year this large overflowed the day arithmetic and trapped (the server died on one header).
    @Test(arguments: ["Fri, 25 May 9223372036854775807 00:00:00 GMT", "Fri, 25 May 100000000000000 00:00:00 GMT", "Fri, 25 May 0 00:00:00 GMT"])
    func yearsBeyondFourDigitsAreNotDates(value: String) {
        #expect(SignatureDate.parseRFC1123(value) == nil)
    }

    @Test func roundTripsAcrossCenturiesAndLeapDays() {
        for seconds in stride(from: -2_208_988_800, through: 4_102_444_800, by: 86_399 * 37) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(SignatureDate.parseAmzDate(SignatureDate.amzDate(date)) == date)
        }
        #expect(SignatureDate.amzDate(SignatureDate.parseRFC1123("Tue, 29 Feb 2000 23:59:59 GMT")!) == "20000229T235959Z")
    }

    @Test func percentEncodingFollowsUriEncode() {
        #expect(PercentEncoding.uriEncode("a b/c~-._*+=&é") == "a%20b%2Fc~-._%2A%2B%3D%26%C3%A9")
        #expect(PercentEncoding.uriEncode("a b/c", encodeSlash: false) == "a%20b/c")
        #expect(PercentEncoding.decode("a%20b%2fc%zz%4") == "a b/c%zz%4")
        #expect(PercentEncoding.decode("a+b") == "a+b")
        #expect(PercentEncoding.decode("a+b", plusAsSpace: true) == "a b")
    }

    /// As Foundation's `removingPercentEncoding`, which it replaced on every request's path and query: nil for a
    /// malformed escape or bytes that are not UTF-8.
    @Test func strictDecodingRefusesWhatS3CannotParse() {
        #expect(PercentEncoding.strictDecode("a%20b%2Fc%C3%A9") == "a b/cé")
        #expect(PercentEncoding.strictDecode("a+b%2B", plusAsSpace: true) == "a b+")
        #expect(PercentEncoding.strictDecode("a+b") == "a+b")
        #expect(PercentEncoding.strictDecode("plain") == "plain")
        #expect(PercentEncoding.strictDecode("%00") == "\u{0}")
        #expect(PercentEncoding.strictDecode("a%zz") == nil)
        #expect(PercentEncoding.strictDecode("a%4") == nil)
        #expect(PercentEncoding.strictDecode("a%") == nil)
        #expect(PercentEncoding.strictDecode("%C3") == nil)
        #expect(PercentEncoding.strictDecode("%FF%FE") == nil)
    }
}
