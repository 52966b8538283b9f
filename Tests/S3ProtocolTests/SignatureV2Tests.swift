import Foundation
import S3Protocol
import Testing

struct SignatureV2Tests {
    static let date = "Tue, 27 Mar 2007 19:36:42 +0000"
    static let now = SignatureDate.parseRFC1123(date)!

    /// The S3 REST authentication example: GET photos/puppy.jpg on a virtual-hosted bucket.
    static func getPuppy(signature: String = "qgk2+6Sv9/oM7G3qLEjTH1a1l1g=") -> SignableRequest {
        SignableRequest(
            method: "GET",
            rawPath: "/photos/puppy.jpg",
            headers: [
                ("Host", "awsexamplebucket1.us-west-1.s3.amazonaws.com"),
                ("Date", date),
                ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:\(signature)"),
            ],
            virtualHostedBucket: "awsexamplebucket1"
        )
    }

    @Test func getObjectMatchesTheAWSExample() async throws {
        let request = Self.getPuppy()
        #expect(SignatureV2.stringToSign(request) == "GET\n\n\n\(Self.date)\n/awsexamplebucket1/photos/puppy.jpg")
        #expect(
            SignatureV2.signature(secretKey: AWSExamples.secretKey, stringToSign: SignatureV2.stringToSign(request))
                == "qgk2+6Sv9/oM7G3qLEjTH1a1l1g="
        )
        let result = try await AWSExamples.authenticator.authenticate(request, now: Self.now)
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned))
    }

    @Test func pathStyleGivesTheSameResource() async throws {
        var request = Self.getPuppy()
        request.rawPath = "/awsexamplebucket1/photos/puppy.jpg"
        request.virtualHostedBucket = nil
        let result = try await AWSExamples.authenticator.authenticate(request, now: Self.now)
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned))
    }

    @Test func putWithContentTypeMatchesTheAWSExample() async throws {
        let request = SignableRequest(
            method: "PUT",
            rawPath: "/photos/puppy.jpg",
            headers: [
                ("Content-Type", "image/jpeg"),
                ("Content-Length", "94328"),
                ("Host", "awsexamplebucket1.s3.us-west-1.amazonaws.com"),
                ("Date", "Tue, 27 Mar 2007 21:15:45 +0000"),
                ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:iqRzw+ileNPu1fhspnRs8nOjjIA="),
            ],
            virtualHostedBucket: "awsexamplebucket1"
        )
        let result = try await AWSExamples.authenticator.authenticate(request, now: SignatureDate.parseRFC1123("Tue, 27 Mar 2007 21:15:45 +0000")!)
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned))
    }

    @Test func queryStringAuthenticationMatchesTheAWSExample() async throws {
        let request = SignableRequest(
            method: "GET",
            rawPath: "/photos/puppy.jpg",
            rawQuery: "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
            headers: [("Host", "johnsmith.s3.amazonaws.com")],
            virtualHostedBucket: "johnsmith"
        )
        let before = Date(timeIntervalSince1970: 1_175_139_000)
        #expect(
            try await AWSExamples.authenticator.authenticate(request, now: before)
                == .authenticated(
                    accessKey: AWSExamples.accessKey,
                    payload: .unsigned
                )
        )
        let after = Date(timeIntervalSince1970: 1_175_139_621)
        let error = await #expect(throws: S3ProtocolError.self) { try await AWSExamples.authenticator.authenticate(request, now: after) }
        #expect(error?.code == .accessDenied)
        #expect(error?.message == "Request has expired")
    }

    @Test func canonicalizedHeadersTakeThePrefixesAsAParameter() {
        let headers: [(name: String, value: String)] = [
            ("X-Amz-Meta-B", " two "), ("x-amz-meta-a", "one"), ("X-AMZ-META-B", "three"), ("x-obs-meta-c", "obs"), ("Date", "d"),
        ]
        #expect(SignatureV2.canonicalizedHeaders(headers, prefixes: ["x-amz-"]) == "x-amz-meta-a:one\nx-amz-meta-b:two,three\n")
        #expect(SignatureV2.canonicalizedHeaders(headers, prefixes: ["x-obs-"]) == "x-obs-meta-c:obs\n")
        #expect(
            SignatureV2.canonicalizedHeaders(headers, prefixes: ["x-obs-", "x-amz-"])
                == "x-amz-meta-a:one\nx-amz-meta-b:two,three\nx-obs-meta-c:obs\n"
        )
    }

    @Test func canonicalizedResourceKeepsOnlySubresourcesSorted() {
        let resource = SignatureV2.canonicalizedResource(
            rawPath: "/bucket/key",
            rawQuery: "uploadId=abc%2Fd&prefix=x&partNumber=2&response-content-type=text%2Fplain",
            subresources: SignatureV2.Dialect.aws.subresources
        )
        #expect(resource == "/bucket/key?partNumber=2&response-content-type=text/plain&uploadId=abc/d")
        #expect(SignatureV2.canonicalizedResource(rawPath: "/bucket", rawQuery: "acl", subresources: ["acl"]) == "/bucket?acl")
        #expect(SignatureV2.canonicalizedResource(rawPath: "/b", rawQuery: "acl=", subresources: ["acl"], keepEmptyValues: false) == "/b?acl")
    }

    @Test func xAmzDateEmptiesTheDateLine() {
        let request = SignableRequest(
            method: "DELETE",
            rawPath: "/b/k",
            headers: [
                ("Date", "ignored"), ("x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000"), ("Content-MD5", "abc=="), ("Content-Type", "t"),
            ]
        )
        #expect(SignatureV2.stringToSign(request) == "DELETE\nabc==\nt\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/b/k")
    }

    @Test func skewedDateIsRejected() async throws {
        let error = await #expect(throws: S3ProtocolError.self) {
            try await AWSExamples.authenticator.authenticate(Self.getPuppy(), now: Self.now.addingTimeInterval(16 * 60))
        }
        #expect(error?.code == .requestTimeTooSkewed)
    }

    @Test func wrongSignatureIsRejected() async throws {
        let error = await #expect(throws: S3ProtocolError.self) {
            try await AWSExamples.authenticator.authenticate(Self.getPuppy(signature: "AAAA+6Sv9/oM7G3qLEjTH1a1l1g="), now: Self.now)
        }
        #expect(error?.code == .signatureDoesNotMatch)
        #expect(error?.details.first { $0.name == "StringToSign" }?.value == "GET\n\n\n\(Self.date)\n/awsexamplebucket1/photos/puppy.jpg")
    }
}
