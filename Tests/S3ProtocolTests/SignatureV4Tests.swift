import Crypto
import Foundation
import S3Protocol
import Testing

struct SignatureV4Tests {
    @Test func getObjectStagesMatchTheAWSExample() {
        let request = AWSExamples.getObject()
        let canonicalRequest = SignatureV4.canonicalRequest(
            request,
            signedHeaders: ["host", "range", "x-amz-content-sha256", "x-amz-date"],
            payloadHash: AWSExamples.emptySHA256
        )
        #expect(
            canonicalRequest == """
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                """
        )
        let stringToSign = SignatureV4.stringToSign(timestamp: "20130524T000000Z", scope: AWSExamples.scope, canonicalRequest: canonicalRequest)
        #expect(
            stringToSign == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
                """
        )
        let key = SignatureV4.signingKey(secretKey: AWSExamples.secretKey, date: "20130524", region: "us-east-1")
        #expect(SignatureV4.signature(signingKey: key, stringToSign: stringToSign) == AWSExamples.getObjectSignature)
    }

    @Test(arguments: [
        ("GET object", AWSExamples.getObject()),
        ("PUT object", AWSExamples.putObject()),
        ("GET lifecycle", AWSExamples.getLifecycle()),
        ("ListObjects", AWSExamples.listObjects()),
    ])
    func authenticatesTheAWSExamples(name: String, request: SignableRequest) async throws {
        let result = try await AWSExamples.authenticator.authenticate(request, now: AWSExamples.now)
        guard case .authenticated(let accessKey, _) = result else {
            Issue.record("\(name) was not authenticated")
            return
        }
        #expect(accessKey == AWSExamples.accessKey)
    }

    @Test func putObjectAsksForTheBodyDigest() async throws {
        let result = try await AWSExamples.authenticator.authenticate(AWSExamples.putObject(), now: AWSExamples.now)
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .sha256(AWSExamples.putObjectBodySHA256)))
    }

    @Test func canonicalQueryOfASubresourceHasAnEmptyValue() {
        #expect(SignatureV4.canonicalQueryString(rawQuery: "lifecycle") == "lifecycle=")
        #expect(SignatureV4.canonicalQueryString(rawQuery: "prefix=J&max-keys=2") == "max-keys=2&prefix=J")
    }

    @Test func canonicalQuerySortsByEncodedNameThenValue() {
        #expect(SignatureV4.canonicalQueryString(rawQuery: "b=2&a=2&a=1&A=3") == "A=3&a=1&a=2&b=2")
        #expect(SignatureV4.canonicalQueryString(rawQuery: "prefix=a%2Fb%20c&delimiter=/") == "delimiter=%2F&prefix=a%2Fb%20c")
        #expect(SignatureV4.canonicalQueryString(rawQuery: "k=a+b") == "k=a%20b")
    }

    @Test func canonicalURIEncodesEachSegmentOnceWithoutNormalising() {
        #expect(SignatureV4.canonicalURI(rawPath: "/bucket/a%20b") == "/bucket/a%20b")
        #expect(SignatureV4.canonicalURI(rawPath: "/bucket/a b+c") == "/bucket/a%20b%2Bc")
        #expect(SignatureV4.canonicalURI(rawPath: "/bucket/%7Euser/x*y") == "/bucket/~user/x%2Ay")
        #expect(SignatureV4.canonicalURI(rawPath: "/bucket/./a//b/../c") == "/bucket/./a//b/../c")
        #expect(SignatureV4.canonicalURI(rawPath: "/bucket/%E2%82%AC") == "/bucket/%E2%82%AC")
        #expect(SignatureV4.canonicalURI(rawPath: "/bucket/a%2Fb") == "/bucket/a%2Fb")
        #expect(SignatureV4.canonicalURI(rawPath: "") == "/")
    }

    @Test func canonicalHeadersTrimCollapseAndJoin() {
        let headers: [(name: String, value: String)] = [("My-Header", "  a   b  "), ("my-header", "c"), ("Host", "h")]
        #expect(SignatureV4.canonicalHeaders(headers, signedHeaders: ["host", "my-header"]) == "host:h\nmy-header:a b,c\n")
        #expect(SignatureV4.canonicalHeaders([(":authority", "h2")], signedHeaders: ["host"]) == "host:h2\n")
    }

    @Test func presignedURLMatchesTheAWSExample() async throws {
        let result = try await AWSExamples.authenticator.authenticate(AWSExamples.presigned(), now: AWSExamples.now.addingTimeInterval(3600))
        #expect(result == .authenticated(accessKey: AWSExamples.accessKey, payload: .unsigned))
    }

    @Test func streamingSeedSignatureMatchesTheAWSExample() async throws {
        let result = try await AWSExamples.authenticator.authenticate(AWSExamples.Streaming.request(), now: AWSExamples.now)
        guard case .authenticated(_, .streamingSigned(let seed)) = result else {
            Issue.record("unexpected \(result)")
            return
        }
        #expect(seed.seedSignature == AWSExamples.Streaming.seedSignature)
        #expect(seed.scope == AWSExamples.scope)
        #expect(seed.timestamp == "20130524T000000Z")
        #expect(!seed.hasTrailer)
        let a = Array(repeating: UInt8(ascii: "a"), count: 65536)
        let first = seed.chunkSignature(previousSignature: seed.seedSignature, chunkSHA256: hex(SHA256.hash(data: a)))
        #expect(first == AWSExamples.Streaming.firstChunkSignature)
        let second = seed.chunkSignature(previousSignature: first, chunkSHA256: hex(SHA256.hash(data: a.prefix(1024))))
        #expect(second == AWSExamples.Streaming.secondChunkSignature)
        let final = seed.chunkSignature(previousSignature: second, chunkSHA256: AWSExamples.emptySHA256)
        #expect(final == AWSExamples.Streaming.finalChunkSignature)
    }
}

func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
}
