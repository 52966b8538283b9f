import Foundation
import S3Protocol
import Testing

struct BotocoreCompatibilityTests {
    @Test(arguments: BotocoreFixtures.all)
    func botocoreSignedRequestsAuthenticate(fixture: BotocoreFixtures.Fixture) async throws {
        let request = SignableRequest(
            method: fixture.method,
            rawPath: fixture.path,
            rawQuery: fixture.query,
            headers: fixture.headers.map { (name: $0[0], value: $0[1]) }
        )
        let result = try await AWSExamples.authenticator.authenticate(request, now: Date(timeIntervalSince1970: TimeInterval(fixture.now)))
        guard case .authenticated(let accessKey, _) = result else {
            Issue.record("not authenticated: \(result)")
            return
        }
        #expect(accessKey == AWSExamples.accessKey)
    }
}
