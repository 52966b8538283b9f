import Foundation
import S3Protocol
import Testing

/// The OBS signature (`Authorization: OBS AK:signature` and `AccessKeyId`/`Expires`/`Signature` URLs). The expected
/// strings to sign follow the OBS documentation's algorithm and examples; the signatures were computed apart from this
/// code, with Python's `hmac` over those strings (and agree with esdk-obs-python 3.26.6's `Authentication`).
struct OBSSignatureTests {
    static let accessKey = "OBSEXAMPLEAK000254"
    static let secretKey = "obs-example-secret/K7MDENG+bPxRfiCY"
    static let authenticator = RequestAuthenticator(credentials: StaticCredentialProvider([accessKey: secretKey]))
    static let date = "Mon, 14 Oct 2015 12:08:34 GMT"
    static let now = SignatureDate.parseRFC1123(date)!

    /// Table 4 of "Authentication of Signature in a Header": PUT /object.txt with `x-obs-acl` and a Content-Type.
    static func putWithACL(signature: String = "jouT6nWm5xyIiLmfsYnPn/qXaBI=", acl: String = "public-read") -> SignableRequest {
        SignableRequest(
            method: "PUT",
            rawPath: "/object.txt",
            headers: [
                ("User-Agent", "curl/7.15.5"),
                ("Host", "bucket.obs.region.example.com"),
                ("Date", date),
                ("x-obs-acl", acl),
                ("content-type", "text/plain"),
                ("Content-Length", "5913339"),
                ("Authorization", "OBS \(accessKey):\(signature)"),
            ],
            virtualHostedBucket: "bucket"
        )
    }

    @Test func putWithACLMatchesTheHandComputedSignature() async throws {
        let request = Self.putWithACL()
        #expect(
            SignatureV2.stringToSign(request, dialect: .obs)
                == "PUT\n\ntext/plain\nMon, 14 Oct 2015 12:08:34 GMT\nx-obs-acl:public-read\n/bucket/object.txt"
        )
        #expect(
            SignatureV2.signature(secretKey: Self.secretKey, stringToSign: SignatureV2.stringToSign(request, dialect: .obs))
                == "jouT6nWm5xyIiLmfsYnPn/qXaBI="
        )
        let result = try await Self.authenticator.authenticate(request, now: Self.now)
        #expect(result == .authenticated(accessKey: Self.accessKey, payload: .unsigned))
    }

    /// `x-obs-date` empties the Date line; Content-MD5 is signed; repeated `x-obs-meta-*` headers are joined and trimmed;
    /// sub-resources are sorted and other query parameters left out.
    @Test func uploadPartWithObsDateMetadataAndSubresources() async throws {
        let request = SignableRequest(
            method: "PUT",
            rawPath: "/object.txt",
            rawQuery: "uploadId=0000017A&partNumber=2",
            headers: [
                ("Host", "bucket.obs.region.example.com"),
                ("Date", "Thu, 01 Jan 2015 00:00:00 GMT"),
                ("x-obs-date", "Tue, 15 Oct 2015 07:20:09 GMT"),
                ("Content-MD5", "I5pU0r4+sgO9Emgl1KMQUg=="),
                ("x-obs-meta-name", " name"),
                ("X-Obs-Meta-Colour", "blue"),
                ("x-obs-meta-colour", " green "),
                ("Authorization", "OBS \(Self.accessKey):IrgiZPg3x5kZx8WJElU3fKbqAGw="),
            ],
            virtualHostedBucket: "bucket"
        )
        #expect(
            SignatureV2.stringToSign(request, dialect: .obs)
                == "PUT\nI5pU0r4+sgO9Emgl1KMQUg==\n\n\nx-obs-date:Tue, 15 Oct 2015 07:20:09 GMT\nx-obs-meta-colour:blue,green\n"
                + "x-obs-meta-name:name\n/bucket/object.txt?partNumber=2&uploadId=0000017A"
        )
        let now = SignatureDate.parseRFC1123("Tue, 15 Oct 2015 07:25:00 GMT")!
        let result = try await Self.authenticator.authenticate(request, now: now)
        #expect(result == .authenticated(accessKey: Self.accessKey, payload: .unsigned))

        // An S3 header the OBS signer left out would be acted on (as its twin) unsigned: refused.
        var withAmzHeader = request
        withAmzHeader.headers.append(("x-amz-meta-ignored", "not an OBS header"))
        let error = await #expect(throws: S3ProtocolError.self) { try await Self.authenticator.authenticate(withAmzHeader, now: now) }
        #expect(error?.code == .accessDenied)
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == "x-amz-meta-ignored")
    }

    /// A bucket request in virtual-hosted style signs `/bucket/`, as the OBS documentation and SDK do.
    @Test func bucketRequestSignsTheBucketWithATrailingSlash() async throws {
        let request = SignableRequest(
            method: "GET",
            rawPath: "/",
            rawQuery: "versions&prefix=a",
            headers: [
                ("Host", "bucket.localhost:9000"),
                ("Date", "Tue, 15 Oct 2015 07:20:09 GMT"),
                ("Authorization", "OBS \(Self.accessKey):LJc1exJmGqzkhE363A2FJYZWKk0="),
            ],
            virtualHostedBucket: "bucket"
        )
        #expect(SignatureV2.stringToSign(request, dialect: .obs) == "GET\n\n\nTue, 15 Oct 2015 07:20:09 GMT\n/bucket/?versions")
        let now = SignatureDate.parseRFC1123("Tue, 15 Oct 2015 07:20:09 GMT")!
        #expect(try await Self.authenticator.authenticate(request, now: now) == .authenticated(accessKey: Self.accessKey, payload: .unsigned))
    }

    /// Table 3 of "Authentication of Signature in a URL", signed with this test's key.
    static func presigned(signature: String = "wo8%2BouIKtzBFWnvIk7W7AJJEm7I%3D") -> SignableRequest {
        SignableRequest(
            method: "GET",
            rawPath: "/objectkey",
            rawQuery: "AccessKeyId=\(accessKey)&Expires=1532779451&Signature=\(signature)",
            headers: [("Host", "examplebucket.obs.region.example.com")],
            virtualHostedBucket: "examplebucket"
        )
    }

    @Test func presignedURLMatchesTheHandComputedSignature() async throws {
        let before = Date(timeIntervalSince1970: 1_532_779_000)
        let authenticated = AuthenticationResult.authenticated(accessKey: Self.accessKey, payload: .unsigned)
        #expect(try await Self.authenticator.authenticate(Self.presigned(), now: before) == authenticated)
        // A `+` left unescaped by a hand-built URL still reads as a plus, not as a space.
        let unescaped = Self.presigned(signature: "wo8+ouIKtzBFWnvIk7W7AJJEm7I%3D")
        #expect(try await Self.authenticator.authenticate(unescaped, now: before) == authenticated)
    }

    @Test func expiredPresignedURLIsAccessDenied() async {
        let error = await #expect(throws: S3ProtocolError.self) {
            try await Self.authenticator.authenticate(Self.presigned(), now: Date(timeIntervalSince1970: 1_532_779_452))
        }
        #expect(error?.code == .accessDenied)
        #expect(error?.message == "Request has expired")
    }

    @Test func presignedURLWithWrongSignatureDoesNotMatch() async {
        let error = await #expect(throws: S3ProtocolError.self) {
            try await Self.authenticator.authenticate(
                Self.presigned(signature: "AAAAouIKtzBFWnvIk7W7AJJEm7I%3D"),
                now: Date(timeIntervalSince1970: 1_532_779_000)
            )
        }
        #expect(error?.code == .signatureDoesNotMatch)
        #expect(error?.details.first { $0.name == "StringToSign" }?.value == "GET\n\n\n1532779451\n/examplebucket/objectkey")
    }

    @Test func wrongSignatureGivesTheS3ErrorWithTheStringToSign() async {
        let error = await #expect(throws: S3ProtocolError.self) {
            try await Self.authenticator.authenticate(Self.putWithACL(signature: "AAAA6nWm5xyIiLmfsYnPn/qXaBI="), now: Self.now)
        }
        #expect(error?.code == .signatureDoesNotMatch)
        #expect(error?.code.httpStatus == 403)
        #expect(
            error?.message
                == "The request signature we calculated does not match the signature you provided. Check your key and signing method."
        )
        #expect(
            error?.details.first { $0.name == "StringToSign" }?.value
                == "PUT\n\ntext/plain\nMon, 14 Oct 2015 12:08:34 GMT\nx-obs-acl:public-read\n/bucket/object.txt"
        )
    }

    @Test func changingASignedOBSHeaderBreaksTheSignature() async {
        let error = await #expect(throws: S3ProtocolError.self) {
            try await Self.authenticator.authenticate(Self.putWithACL(acl: "private"), now: Self.now)
        }
        #expect(error?.code == .signatureDoesNotMatch)
    }

    /// Under the `AWS` scheme the server acts on `x-obs-*` headers too (as their `x-amz-*` twins), so they must be signed:
    /// a signature over them is accepted, one computed as a SigV2 client computes it (its own prefix only) is refused.
    @Test func theAWSSchemeMustSignOBSHeadersToo() async throws {
        var request = Self.putWithACL()
        request.headers = request.headers.map { $0.name == "Authorization" ? ($0.name, "AWS \(Self.accessKey):jouT6nWm5xyIiLmfsYnPn/qXaBI=") : $0 }
        let result = try await Self.authenticator.authenticate(request, now: Self.now)
        #expect(result == .authenticated(accessKey: Self.accessKey, payload: .unsigned))

        let ownPrefixOnly = SignatureV2.stringToSign(request, dialect: .aws, headerPrefixes: ["x-amz-"])
        #expect(ownPrefixOnly == "PUT\n\ntext/plain\nMon, 14 Oct 2015 12:08:34 GMT\n/bucket/object.txt")
        let signature = SignatureV2.signature(secretKey: Self.secretKey, stringToSign: ownPrefixOnly)
        request.headers = request.headers.map { $0.name == "Authorization" ? ($0.name, "AWS \(Self.accessKey):\(signature)") : $0 }
        let error = await #expect(throws: S3ProtocolError.self) { try await Self.authenticator.authenticate(request, now: Self.now) }
        #expect(error?.code == .accessDenied)
        #expect(error?.details.first { $0.name == "HeadersNotSigned" }?.value == "x-obs-acl")
    }

    @Test func unknownAccessKeyIsInvalidAccessKeyId() async {
        var request = Self.putWithACL()
        request.headers = request.headers.map { $0.name == "Authorization" ? ($0.name, "OBS NOSUCHKEY:jouT6nWm5xyIiLmfsYnPn/qXaBI=") : $0 }
        let error = await #expect(throws: S3ProtocolError.self) { try await Self.authenticator.authenticate(request, now: Self.now) }
        #expect(error?.code == .invalidAccessKeyId)
    }

    @Test func skewedDateIsRejected() async {
        let error = await #expect(throws: S3ProtocolError.self) {
            try await Self.authenticator.authenticate(Self.putWithACL(), now: Self.now.addingTimeInterval(16 * 60))
        }
        #expect(error?.code == .requestTimeTooSkewed)
    }

    @Test func malformedOBSAuthorizationHeader() async {
        var request = Self.putWithACL()
        request.headers = request.headers.map { $0.name == "Authorization" ? ($0.name, "OBS \(Self.accessKey)") : $0 }
        let error = await #expect(throws: S3ProtocolError.self) { try await Self.authenticator.authenticate(request, now: Self.now) }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "OBS authorization header is invalid.  Expected AccessKeyId:signature")
    }

    @Test func missingDateIsAccessDenied() async {
        var request = Self.putWithACL()
        request.headers.removeAll { $0.name == "Date" }
        let error = await #expect(throws: S3ProtocolError.self) { try await Self.authenticator.authenticate(request, now: Self.now) }
        #expect(error?.code == .accessDenied)
        #expect(error?.message == "OBS authentication requires a valid Date or x-obs-date header")
    }
}
