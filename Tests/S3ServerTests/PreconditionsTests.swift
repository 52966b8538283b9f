import Foundation
import Testing

@testable import S3Server

@Suite struct PreconditionsTests {
    let etag = "9b2cf535f27731c974343645a3985328"
    let modified = Date(timeIntervalSince1970: 1_700_000_000.5)

    @Test func ifMatchAndIfNoneMatch() {
        #expect(Preconditions(ifMatch: "\"\(etag)\"").evaluate(etag: etag, lastModified: modified) == .proceed)
        #expect(Preconditions(ifMatch: "\"other\"").evaluate(etag: etag, lastModified: modified) == .preconditionFailed)
        #expect(Preconditions(ifMatch: "*").evaluate(etag: etag, lastModified: modified) == .proceed)
        #expect(Preconditions(ifNoneMatch: etag).evaluate(etag: etag, lastModified: modified) == .notModified)
        #expect(Preconditions(ifNoneMatch: "\"a\", \"\(etag)\"").evaluate(etag: etag, lastModified: modified) == .notModified)
        #expect(Preconditions(ifNoneMatch: "\"other\"").evaluate(etag: etag, lastModified: modified) == .proceed)
    }

    @Test func datesHaveSecondResolution() {
        let sameSecond = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(Preconditions(ifModifiedSince: sameSecond).evaluate(etag: etag, lastModified: modified) == .notModified)
        #expect(Preconditions(ifUnmodifiedSince: sameSecond).evaluate(etag: etag, lastModified: modified) == .proceed)
        let before = sameSecond.addingTimeInterval(-60)
        #expect(Preconditions(ifModifiedSince: before).evaluate(etag: etag, lastModified: modified) == .proceed)
        #expect(Preconditions(ifUnmodifiedSince: before).evaluate(etag: etag, lastModified: modified) == .preconditionFailed)
    }

    @Test func etagConditionsOutrankDates() {
        let before = modified.addingTimeInterval(-60)
        // If-Match holds, so the failing If-Unmodified-Since is ignored (RFC 7232 section 6).
        #expect(Preconditions(ifMatch: etag, ifUnmodifiedSince: before).evaluate(etag: etag, lastModified: modified) == .proceed)
        // If-None-Match fails to match, so If-Modified-Since is ignored.
        let after = modified.addingTimeInterval(60)
        #expect(Preconditions(ifNoneMatch: "\"x\"", ifModifiedSince: after).evaluate(etag: etag, lastModified: modified) == .proceed)
    }

    @Test func copySourceConditionsFailInsteadOfNotModified() {
        let outcome = Preconditions(ifNoneMatch: etag).evaluate(etag: etag, lastModified: modified, notModifiedFails: true)
        #expect(outcome == .preconditionFailed)
    }
}
