import Foundation
import S3Protocol
import Testing

/// A signature covers what the server acts on: SigV4 refuses unsigned `x-amz-*`/`x-obs-*` headers and an unsigned `host`;
/// SigV2 and the OBS signature put both dialects' headers in their canonical headers.
struct SignedHeadersTests {
    static let signer = RequestSigner(accessKey: AWSExamples.accessKey, secretKey: AWSExamples.secretKey)

    /// A request signed by obslab's own signer (which signs every header it is given), then given `extra` headers.
    static func signedV4(_ headers: [(name: String, value: String)], extra: [(name: String, value: String)] = []) -> SignableRequest {
        var request = SignableRequest(method: "PUT", rawPath: "/bucket/key", headers: [("host", "127.0.0.1:9000")] + headers)
        request.headers += Self.signer.signatureHeaders(for: request, payloadSHA256: SignatureV4.unsignedPayload, date: AWSExamples.now)
        request.headers += extra
        return request
    }

    static func refusal(_ request: SignableRequest, now: Date = AWSExamples.now) async -> S3ProtocolError? {
        do {
            _ = try await AWSExamples.authenticator.authenticate(request, now: now)
            return nil
        } catch {
            return error as? S3ProtocolError
        }
    }

    @Test func everySignedHeaderIsAccepted() async throws {
        let request = Self.signedV4([("x-amz-copy-source", "/other/secret"), ("x-obs-meta-a", "1")])
        #expect(try await AWSExamples.authenticator.authenticate(request, now: AWSExamples.now) != .anonymous)
    }

    @Test(arguments: ["x-amz-copy-source", "X-Amz-Server-Side-Encryption", "x-obs-copy-source", "x-amz-meta-owner"])
    func anUnsignedActionableHeaderIsRefused(name: String) async {
        let error = await Self.refusal(Self.signedV4([], extra: [(name, "value")]))
        #expect(error?.code == .accessDenied)
        #expect(error?.code.httpStatus == 403)
        #expect(error?.message == "There were headers present in the request which were not signed")
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == name.lowercased())
    }

    @Test func unsignedStandardHeadersAreNotTheSignaturesBusiness() async throws {
        let request = Self.signedV4([], extra: [("Content-Type", "text/plain"), ("User-Agent", "curl"), ("Expect", "100-continue")])
        #expect(try await AWSExamples.authenticator.authenticate(request, now: AWSExamples.now) != .anonymous)
    }

    @Test func everyUnsignedHeaderIsNamedOnce() async {
        let extra: [(name: String, value: String)] = [("x-amz-acl", "public-read"), ("x-amz-meta-a", "1"), ("X-Amz-Acl", "private")]
        let error = await Self.refusal(Self.signedV4([], extra: extra))
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == "x-amz-acl, x-amz-meta-a")
    }

    @Test func aHeaderSignatureMustCoverHost() async {
        var request = AWSExamples.getObject()
        let authorization = AWSExamples.authorization(signedHeaders: "range;x-amz-content-sha256;x-amz-date", signature: "0")
        request.headers[1].value = authorization
        let error = await Self.refusal(request)
        #expect(error?.code == .accessDenied)
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == "host")
    }

    @Test func aPresignedURLMustCoverHost() async {
        var request = AWSExamples.presigned()
        request.rawQuery = request.rawQuery.replacingOccurrences(of: "X-Amz-SignedHeaders=host", with: "X-Amz-SignedHeaders=range")
        request.headers.append(("Range", "bytes=0-1"))
        let error = await Self.refusal(request, now: AWSExamples.now.addingTimeInterval(1))
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == "host")
    }

    /// boto3's presigned URLs sign only `host`: a header outside `x-amz-*` may come along, an `x-amz-*` one may not.
    @Test func aPresignedURLRefusesAnUnsignedAmzHeaderButNotOthers() async throws {
        var withContentType = AWSExamples.presigned()
        withContentType.headers.append(("Content-Type", "text/plain"))
        let result = try await AWSExamples.authenticator.authenticate(withContentType, now: AWSExamples.now.addingTimeInterval(1))
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned))

        var withCopySource = AWSExamples.presigned()
        withCopySource.headers.append(("x-amz-copy-source", "/other-bucket/secret"))
        let error = await Self.refusal(withCopySource, now: AWSExamples.now.addingTimeInterval(1))
        #expect(error?.code == .accessDenied)
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == "x-amz-copy-source")
    }

    // MARK: SigV2 and the OBS signature

    static let v2Date = "Tue, 27 Mar 2007 19:36:42 +0000"

    /// A SigV2 (or OBS) PUT carrying `headers`, signed over the canonical headers of `signedPrefixes`.
    static func signedV2(
        _ dialect: SignatureV2.Dialect,
        headers: [(name: String, value: String)],
        signedPrefixes: [String]
    ) -> SignableRequest {
        var request = SignableRequest(method: "PUT", rawPath: "/bucket/key", headers: [("Host", "h"), ("Date", Self.v2Date)] + headers)
        let stringToSign = SignatureV2.stringToSign(request, dialect: dialect, headerPrefixes: signedPrefixes)
        let signature = SignatureV2.signature(secretKey: AWSExamples.secretKey, stringToSign: stringToSign)
        request.headers.append(("Authorization", "\(dialect.scheme) \(AWSExamples.accessKey):\(signature)"))
        return request
    }

    @Test(arguments: [
        (SignatureV2.Dialect.aws, "x-obs-copy-source"), (SignatureV2.Dialect.obs, "x-amz-copy-source"),
    ])
    func aV2SignatureOfItsOwnPrefixLeavesTheOtherDialectsHeadersUnsigned(dialect: SignatureV2.Dialect, foreign: String) async {
        let request = Self.signedV2(dialect, headers: [(foreign, "/other/secret")], signedPrefixes: [dialect.headerPrefix])
        let error = await Self.refusal(request, now: SignatureDate.parseRFC1123(Self.v2Date)!)
        #expect(error?.code == .accessDenied)
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == foreign)
    }

    @Test(arguments: [SignatureV2.Dialect.aws, SignatureV2.Dialect.obs])
    func aV2SignatureOverBothPrefixesIsAccepted(dialect: SignatureV2.Dialect) async throws {
        let headers: [(name: String, value: String)] = [("x-obs-meta-a", "1"), ("x-amz-meta-b", "2")]
        let request = Self.signedV2(dialect, headers: headers, signedPrefixes: SignableRequest.actionableHeaderPrefixes)
        let result = try await AWSExamples.authenticator.authenticate(request, now: SignatureDate.parseRFC1123(Self.v2Date)!)
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned))
    }

    @Test func aV2SignatureOfItsOwnPrefixStillWorksWithoutForeignHeaders() async throws {
        let request = Self.signedV2(.obs, headers: [("x-obs-acl", "private")], signedPrefixes: ["x-obs-"])
        let result = try await AWSExamples.authenticator.authenticate(request, now: SignatureDate.parseRFC1123(Self.v2Date)!)
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned))
    }

    @Test func aWrongV2SignatureIsStillAMismatch() async {
        var request = Self.signedV2(.aws, headers: [("x-obs-acl", "private")], signedPrefixes: ["x-amz-"])
        request.headers[1].value = "Tue, 27 Mar 2007 19:36:43 +0000"
        let error = await Self.refusal(request, now: SignatureDate.parseRFC1123(Self.v2Date)!)
        #expect(error?.code == .signatureDoesNotMatch)
    }
}
