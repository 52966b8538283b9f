import Foundation
import Testing

@testable import S3Protocol

@Suite struct RequestSignerTests {
    let signer = RequestSigner(accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")

    @Test func signedRequestsAuthenticate() async throws {
        var request = SignableRequest(
            method: "POST",
            rawPath: "/-/admin/kms/keys/testkey-1/grants",
            rawQuery: "principal=reader%201",
            headers: [("host", "127.0.0.1:9000"), ("content-type", "application/json")]
        )
        let body = Array(#"{"principal":"reader 1"}"#.utf8)
        let now = Date()
        request.headers += signer.signatureHeaders(for: request, payloadSHA256: SignatureV4.sha256Hex(body), date: now)
        let authenticator = RequestAuthenticator(credentials: StaticCredentialProvider([signer.accessKey: signer.secretKey]))
        let result = try await authenticator.authenticate(request, now: now)
        #expect(result == .authenticated(accessKey: signer.accessKey, payload: .sha256(SignatureV4.sha256Hex(body))))
    }

    @Test func aTamperedRequestIsRejected() async throws {
        var request = SignableRequest(method: "GET", rawPath: "/bucket/key", headers: [("host", "127.0.0.1:9000")])
        let now = Date()
        request.headers += signer.signatureHeaders(for: request, payloadSHA256: SignatureV4.emptySHA256, date: now)
        request.rawPath = "/bucket/other"
        let authenticator = RequestAuthenticator(credentials: StaticCredentialProvider([signer.accessKey: signer.secretKey]))
        await #expect(throws: S3ProtocolError.self) { try await authenticator.authenticate(request, now: now) }
    }

    /// AWS's published GET Object example (examplebucket, 20130524): the signer must produce its documented signature.
    @Test func reproducesThePublishedExample() {
        let request = SignableRequest(
            method: "GET",
            rawPath: "/test.txt",
            headers: [("host", "examplebucket.s3.amazonaws.com"), ("range", "bytes=0-9")]
        )
        let date = SignatureDate.parseAmzDate("20130524T000000Z")!
        let headers = signer.signatureHeaders(for: request, payloadSHA256: SignatureV4.emptySHA256, date: date)
        let authorization = headers.first { $0.name == "Authorization" }?.value ?? ""
        #expect(authorization.hasSuffix("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"))
        #expect(authorization.contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date"))
    }
}
