import Foundation
import S3Protocol
import Synchronization
import Testing

struct RequestAuthenticatorTests {
    func authenticationError(
        _ request: SignableRequest,
        now: Date = AWSExamples.now,
        authenticator: RequestAuthenticator = AWSExamples.authenticator
    ) async -> S3ProtocolError? {
        do {
            let result = try await authenticator.authenticate(request, now: now)
            Issue.record("authenticated: \(result)")
            return nil
        } catch {
            return error as? S3ProtocolError
        }
    }

    @Test func noCredentialsIsAnonymous() async throws {
        let request = SignableRequest(method: "GET", rawPath: "/bucket/key", rawQuery: "versionId=1", headers: [("Host", "h")])
        #expect(try await AWSExamples.authenticator.authenticate(request, now: AWSExamples.now) == .anonymous)
    }

    @Test func wrongSecretDoesNotMatchAndExplainsWhy() async {
        let authenticator = RequestAuthenticator(credentials: StaticCredentialProvider([AWSExamples.accessKey: "wrong"]))
        let error = await self.authenticationError(AWSExamples.getObject(), authenticator: authenticator)
        #expect(error?.code == .signatureDoesNotMatch)
        #expect(error?.code.httpStatus == 403)
        let canonicalRequest = error?.details.first { $0.name == "CanonicalRequest" }?.value
        #expect(canonicalRequest?.hasPrefix("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\n") == true)
        #expect(error?.details.first { $0.name == "StringToSign" }?.value.hasPrefix("AWS4-HMAC-SHA256\n20130524T000000Z\n") == true)
    }

    /// Signing keys are kept by secret: once a key is rotated, a request signed with the old secret no longer matches.
    @Test func aRotatedSecretIsNotAnsweredWithTheOldSigningKey() async throws {
        let credentials = RotatingCredentials(secret: AWSExamples.secretKey)
        let authenticator = RequestAuthenticator(credentials: credentials)
        _ = try await authenticator.authenticate(AWSExamples.getObject(), now: AWSExamples.now)
        _ = try await authenticator.authenticate(AWSExamples.getObject(), now: AWSExamples.now)
        credentials.secret.withLock { $0 = "rotated" }
        #expect(await self.authenticationError(AWSExamples.getObject(), authenticator: authenticator)?.code == .signatureDoesNotMatch)
    }

    final class RotatingCredentials: CredentialProvider {
        let secret: Mutex<String>
        init(secret: String) { self.secret = Mutex(secret) }
        func secretKey(forAccessKey accessKey: String) async -> String? {
            accessKey == AWSExamples.accessKey ? secret.withLock { $0 } : nil
        }
    }

    @Test func tamperedHeaderDoesNotMatch() async {
        var request = AWSExamples.getObject()
        request.headers[2].value = "bytes=0-10"
        #expect(await self.authenticationError(request)?.code == .signatureDoesNotMatch)
    }

    @Test func unknownKeyIsInvalidAccessKeyId() async {
        let authenticator = RequestAuthenticator(credentials: StaticCredentialProvider([:]))
        let error = await self.authenticationError(AWSExamples.getObject(), authenticator: authenticator)
        #expect(error?.code == .invalidAccessKeyId)
    }

    @Test func skewedClockIsRejected() async {
        let late = await self.authenticationError(AWSExamples.getObject(), now: AWSExamples.now.addingTimeInterval(15 * 60 + 1))
        #expect(late?.code == .requestTimeTooSkewed)
        let early = await self.authenticationError(AWSExamples.getObject(), now: AWSExamples.now.addingTimeInterval(-16 * 60))
        #expect(early?.code == .requestTimeTooSkewed)
        let result = try? await AWSExamples.authenticator.authenticate(AWSExamples.getObject(), now: AWSExamples.now.addingTimeInterval(14 * 60))
        #expect(result != nil)
    }

    @Test func expiredPresignedURLIsAccessDenied() async {
        let error = await self.authenticationError(AWSExamples.presigned(), now: AWSExamples.now.addingTimeInterval(86401))
        #expect(error?.code == .accessDenied)
        #expect(error?.message == "Request has expired")
    }

    @Test func presignedURLFromTheFutureIsNotValidYet() async {
        let error = await self.authenticationError(AWSExamples.presigned(), now: AWSExamples.now.addingTimeInterval(-3600))
        #expect(error?.code == .accessDenied)
    }

    @Test func presignedURLWithWrongSignatureDoesNotMatch() async {
        let error = await self.authenticationError(AWSExamples.presigned(signature: String(repeating: "0", count: 64)))
        #expect(error?.code == .signatureDoesNotMatch)
    }

    /// S3 answers 403 AccessDenied to an expiry out of range (ceph s3-tests), and a query error to one that is no number.
    @Test(arguments: [
        ("0", S3ProtocolError.Code.accessDenied), ("-1", .accessDenied), ("604801", .accessDenied),
        ("x", .authorizationQueryParametersError),
    ])
    func presignedExpiresOutOfRange(expires: String, code: S3ProtocolError.Code) async {
        var request = AWSExamples.presigned()
        request.rawQuery = request.rawQuery.replacingOccurrences(of: "X-Amz-Expires=86400", with: "X-Amz-Expires=\(expires)")
        let error = await self.authenticationError(request, now: AWSExamples.now.addingTimeInterval(1))
        #expect(error?.code == code)
    }

    @Test func presignedWithoutSignatureIsAQueryParametersError() async {
        var request = AWSExamples.presigned()
        request.rawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20130524T000000Z"
        #expect(await self.authenticationError(request)?.code == .authorizationQueryParametersError)
    }

    @Test func malformedAuthorizationHeader() async {
        var request = AWSExamples.getObject()
        request.headers[1].value = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3, SignedHeaders=host, Signature=00"
        #expect(await self.authenticationError(request)?.code == .authorizationHeaderMalformed)
        request.headers[1].value = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"
        #expect(await self.authenticationError(request)?.code == .authorizationHeaderMalformed)
    }

    @Test func scopeDateMustMatchTheRequestDate() async {
        var request = AWSExamples.getObject()
        request.headers[4].value = "20130525T000000Z"
        let error = await self.authenticationError(request, now: AWSExamples.now.addingTimeInterval(86400))
        #expect(error?.code == .authorizationHeaderMalformed)
    }

    @Test func missingContentSHA256IsRejected() async {
        var request = AWSExamples.getObject()
        request.headers.remove(at: 3)
        #expect(await self.authenticationError(request)?.code == .invalidRequest)
    }

    @Test func otherRegionsAreAcceptedUnlessStrict() async throws {
        let strict = RequestAuthenticator(credentials: AWSExamples.credentials, region: "eu-west-1", acceptsAnyRegion: false)
        #expect(await self.authenticationError(AWSExamples.getObject(), authenticator: strict)?.code == .authorizationHeaderMalformed)
        let lenient = RequestAuthenticator(credentials: AWSExamples.credentials, region: "eu-west-1")
        #expect(try await lenient.authenticate(AWSExamples.getObject(), now: AWSExamples.now) != .anonymous)
    }

    @Test func unknownSchemeIsUnsupported() async {
        let request = SignableRequest(method: "GET", rawPath: "/", headers: [("Authorization", "Bearer x")])
        #expect(await self.authenticationError(request)?.code == .invalidArgument)
    }

    @Test func streamingPayloadsAreReported() async throws {
        for (value, trailer) in [("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true), ("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false)] {
            let request = Self.signed(method: "PUT", path: "/bucket/key", payloadHash: value)
            let result = try await AWSExamples.authenticator.authenticate(request, now: AWSExamples.now)
            switch result {
            case .authenticated(_, .streamingSigned(let seed)): #expect(trailer && seed.hasTrailer)
            case .authenticated(_, .streamingUnsignedTrailer): #expect(!trailer)
            default: Issue.record("unexpected \(result)")
            }
        }
        let bad = Self.signed(method: "PUT", path: "/bucket/key", payloadHash: "nonsense")
        #expect(await self.authenticationError(bad)?.code == .invalidArgument)
    }

    @Test func dateHeaderStandsInForXAmzDate() async throws {
        let request = Self.signed(method: "GET", path: "/bucket/key", payloadHash: "UNSIGNED-PAYLOAD", useDateHeader: true)
        #expect(
            try await AWSExamples.authenticator.authenticate(request, now: AWSExamples.now)
                == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned)
        )
    }

    /// Signs a request the way an SDK does, with the public SigV4 stages.
    static func signed(method: String, path: String, query: String = "", payloadHash: String, useDateHeader: Bool = false) -> SignableRequest {
        var request = SignableRequest(
            method: method,
            rawPath: path,
            rawQuery: query,
            headers: [
                ("Host", "localhost:9000"),
                useDateHeader ? ("Date", "Fri, 24 May 2013 00:00:00 GMT") : ("X-Amz-Date", "20130524T000000Z"),
                ("X-Amz-Content-SHA256", payloadHash),
            ]
        )
        let signedHeaders = ["host", useDateHeader ? "date" : "x-amz-date", "x-amz-content-sha256"].sorted()
        let canonical = SignatureV4.canonicalRequest(request, signedHeaders: signedHeaders, payloadHash: payloadHash)
        let stringToSign = SignatureV4.stringToSign(timestamp: "20130524T000000Z", scope: AWSExamples.scope, canonicalRequest: canonical)
        let key = SignatureV4.signingKey(secretKey: AWSExamples.secretKey, date: "20130524", region: "us-east-1")
        let signature = SignatureV4.signature(signingKey: key, stringToSign: stringToSign)
        request.headers.append(
            ("Authorization", AWSExamples.authorization(signedHeaders: signedHeaders.joined(separator: ";"), signature: signature))
        )
        return request
    }
}
