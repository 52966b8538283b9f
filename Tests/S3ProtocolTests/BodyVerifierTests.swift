import Foundation
import NIOCore
import S3Protocol
import Testing

struct BodyVerifierTests {
    static let body = ByteBuffer(string: "Hello World")
    static let md5 = "sQqNsWTgdUEFt6mb5y4/5Q=="

    func verify(_ verifier: BodyVerifier, trailers: [String: String] = [:]) throws -> BodyVerifier.Result {
        var verifier = verifier
        verifier.update(ByteBuffer(string: "Hello "))
        verifier.update(ByteBuffer(string: "World"))
        return try verifier.finish(trailers: trailers)
    }

    @Test func goodDigestsPassAndChecksumsAreReturned() throws {
        let request = SignableRequest(
            method: "PUT",
            rawPath: "/b/k",
            headers: [
                ("Content-MD5", Self.md5), ("x-amz-checksum-crc32", "ShexVg=="),
            ]
        )
        let verifier = try BodyVerifier(request: request, payload: .sha256(hex(Array("Hello World".utf8).sha256)), alsoCompute: [.crc64nvme])
        let result = try self.verify(verifier)
        #expect(result.checksums == [.crc32: "ShexVg==", .crc64nvme: "ZZYyy35L4mE="])
        #expect(result.declaredChecksum == .crc32)
        #expect(result.contentMD5 == Self.md5)
    }

    @Test func badContentMD5() throws {
        let wrong = try BodyVerifier(contentMD5: "1B2M2Y8AsgTpgAmY7PhCfg==", payload: .unsigned, checksum: nil)
        let error = #expect(throws: S3ProtocolError.self) { try self.verify(wrong) }
        #expect(error?.code == .badDigest)
        let invalid = #expect(throws: S3ProtocolError.self) { try BodyVerifier(contentMD5: "abc", payload: .unsigned, checksum: nil) }
        #expect(invalid?.code == .invalidDigest)
    }

    @Test func contentSHA256Mismatch() throws {
        let verifier = try BodyVerifier(contentMD5: nil, payload: .sha256(AWSExamples.emptySHA256), checksum: nil)
        let error = #expect(throws: S3ProtocolError.self) { try self.verify(verifier) }
        #expect(error?.code == .xAmzContentSHA256Mismatch)
    }

    @Test func wrongChecksumHeaderIsBadDigestInS3Words() throws {
        let verifier = try BodyVerifier(
            contentMD5: nil,
            payload: .unsigned,
            checksum: DeclaredChecksum(algorithm: .crc32, source: .header("AAAAAA=="))
        )
        let error = #expect(throws: S3ProtocolError.self) { try self.verify(verifier) }
        #expect(error?.code == .badDigest)
        #expect(error?.message == "The CRC32 you specified did not match the calculated checksum.")
    }

    @Test func trailerChecksumIsChecked() throws {
        let verifier = try BodyVerifier(
            contentMD5: nil,
            payload: .streamingUnsignedTrailer,
            checksum: DeclaredChecksum(algorithm: .crc32c, source: .trailer)
        )
        #expect(try self.verify(verifier, trailers: ["x-amz-checksum-crc32c": "aR2qLw=="]).checksums == [.crc32c: "aR2qLw=="])
        let bad = #expect(throws: S3ProtocolError.self) { try self.verify(verifier, trailers: ["x-amz-checksum-crc32c": "AAAAAA=="]) }
        #expect(bad?.code == .badDigest)
        #expect(bad?.message == "The CRC32C you specified did not match the calculated checksum.")
        let missing = #expect(throws: S3ProtocolError.self) { try self.verify(verifier) }
        #expect(missing?.code == .malformedTrailerError)
    }

    @Test func decoderAndVerifierTogether() throws {
        let body = Array("b\r\nHello World\r\n0\r\nx-amz-checksum-crc32:ShexVg==\r\n\r\n".utf8)
        var decoder = AwsChunkedDecoder(decodedContentLength: 11)
        var verifier = try BodyVerifier(
            request: SignableRequest(method: "PUT", rawPath: "/b/k", headers: [("x-amz-trailer", "x-amz-checksum-crc32")]),
            payload: .streamingUnsignedTrailer
        )
        var trailers: [String: String]?
        for output in try decoder.feed(ByteBuffer(bytes: body)) + decoder.finish() {
            switch output {
            case .data(let data): verifier.update(data)
            case .end(let received): trailers = received
            }
        }
        #expect(try verifier.finish(trailers: try #require(trailers)).checksums == [.crc32: "ShexVg=="])
    }
}

extension [UInt8] {
    var sha256: [UInt8] {
        var checksummer = Checksummer(.sha256)
        checksummer.update(self)
        return checksummer.finalizeBytes()
    }
}
