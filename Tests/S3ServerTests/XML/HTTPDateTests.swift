import Foundation
import S3Protocol
import Testing

@testable import S3Server

struct HTTPDateTests {
    /// 2026-11-29T19:09:53Z, a Sunday.
    let date = Date(timeIntervalSince1970: 1_795_979_393)

    @Test func formatsISO8601WithMilliseconds() {
        #expect(HTTPDate.iso8601(date) == "2026-11-29T19:09:53.000Z")
        #expect(HTTPDate.iso8601(date.addingTimeInterval(0.123)) == "2026-11-29T19:09:53.123Z")
        #expect(HTTPDate.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(HTTPDate.iso8601(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }

    @Test func formatsRFC1123() {
        #expect(HTTPDate.rfc1123(date) == "Sun, 29 Nov 2026 19:09:53 GMT")
        #expect(HTTPDate.rfc1123(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.rfc1123(date.addingTimeInterval(0.9)) == "Sun, 29 Nov 2026 19:09:53 GMT")
    }

    @Test func iso8601ReadsBack() {
        let precise = date.addingTimeInterval(0.25)
        #expect(HTTPDate.parseISO8601(HTTPDate.iso8601(precise)) == precise)
        #expect(HTTPDate.parseISO8601("2026-11-29T19:09:53Z") == date)
    }

    @Test(arguments: [
        "", "2026-11-29", "2026-11-29T19:09:53", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-29T19:09:53.Z", "2026-11-29 19:09:53Z",
    ])
    func rejectsBadISO8601(_ text: String) {
        #expect(HTTPDate.parseISO8601(text) == nil)
    }

    /// What the headers carry reads back through the signature date parser, the one the handlers use.
    @Test func rfc1123ReadsBack() {
        #expect(SignatureDate.parseRFC1123(HTTPDate.rfc1123(date)) == date)
        #expect(SignatureDate.parseRFC1123(HTTPDate.rfc1123(Date(timeIntervalSince1970: 0))) == Date(timeIntervalSince1970: 0))
    }
}
