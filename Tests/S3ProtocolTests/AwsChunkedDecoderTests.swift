import Crypto
import Foundation
import NIOCore
import S3Protocol
import Testing

struct AwsChunkedDecoderTests {
    /// The body boto3 sends over HTTPS: unsigned chunks with a CRC32 trailer.
    static let unsignedBody = Array("13\r\nHello, aws-chunked!\r\n5\r\n12345\r\n0\r\nx-amz-checksum-crc32:Mhb2jA==\r\n\r\n".utf8)

    struct Decoded: Equatable {
        var data: [UInt8] = []
        var trailers: [String: String]?
    }

    /// Feeds `body` in the pieces given by `cuts` (increasing offsets), then finishes.
    static func decode(_ body: [UInt8], cuts: [Int] = [], decoder: AwsChunkedDecoder) throws -> Decoded {
        var decoder = decoder
        var decoded = Decoded()
        var start = 0
        var outputs: [AwsChunkedDecoder.Output] = []
        for end in cuts + [body.count] where end >= start {
            outputs += try decoder.feed(ByteBuffer(bytes: body[start..<end]))
            start = end
        }
        outputs += try decoder.finish()
        for output in outputs {
            switch output {
            case .data(let buffer):
                #expect(decoded.trailers == nil, "data after the end")
                decoded.data += Array(buffer.readableBytesView)
            case .end(let trailers):
                #expect(decoded.trailers == nil, "two ends")
                decoded.trailers = trailers
            }
        }
        return decoded
    }

    static let expectedUnsigned = Decoded(data: Array("Hello, aws-chunked!12345".utf8), trailers: ["x-amz-checksum-crc32": "Mhb2jA=="])

    @Test func decodesAnUnsignedBodyWithTrailer() throws {
        #expect(try Self.decode(Self.unsignedBody, decoder: AwsChunkedDecoder(decodedContentLength: 24)) == Self.expectedUnsigned)
    }

    @Test func everySplitPointGivesTheSameResult() throws {
        for cut in 0...Self.unsignedBody.count {
            #expect(try Self.decode(Self.unsignedBody, cuts: [cut], decoder: AwsChunkedDecoder()) == Self.expectedUnsigned)
        }
        for first in 0...Self.unsignedBody.count {
            for second in first...Self.unsignedBody.count where second % 3 == 0 {
                #expect(try Self.decode(Self.unsignedBody, cuts: [first, second], decoder: AwsChunkedDecoder()) == Self.expectedUnsigned)
            }
        }
    }

    @Test func byteByByteAndRandomSplitsGiveTheSameResult() throws {
        let byteByByte = Array(1..<Self.unsignedBody.count)
        #expect(try Self.decode(Self.unsignedBody, cuts: byteByByte, decoder: AwsChunkedDecoder()) == Self.expectedUnsigned)
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            let cuts = (0..<Int.random(in: 1...8, using: &generator)).map { _ in Int.random(in: 0...Self.unsignedBody.count, using: &generator) }
            #expect(try Self.decode(Self.unsignedBody, cuts: cuts.sorted(), decoder: AwsChunkedDecoder()) == Self.expectedUnsigned)
        }
    }

    @Test func dataIsEmittedBeforeTheChunkEnds() throws {
        var decoder = AwsChunkedDecoder()
        let outputs = try decoder.feed(ByteBuffer(bytes: Array("13\r\nHello".utf8)))
        #expect(outputs == [.data(ByteBuffer(string: "Hello"))])
    }

    @Test func decodesTheAWSSignedStreamingExample() throws {
        let seed = try #require(Self.streamingSeed())
        let body = AWSExamples.Streaming.body()
        let expected = Decoded(data: Array(repeating: UInt8(ascii: "a"), count: 66560), trailers: [:])
        #expect(try Self.decode(body, decoder: AwsChunkedDecoder(signing: seed, decodedContentLength: 66560)) == expected)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let cuts = (0..<10).map { _ in Int.random(in: 0...body.count, using: &generator) }.sorted()
            #expect(try Self.decode(body, cuts: cuts, decoder: AwsChunkedDecoder(signing: seed, decodedContentLength: 66560)) == expected)
        }
        // Split inside the chunk signature and right around the CRLFs.
        for cut in [10, 40, 87, 88, 65624, 65625, 65626, 65627, 66790, 66822, 66823] {
            #expect(try Self.decode(body, cuts: [cut], decoder: AwsChunkedDecoder(signing: seed)) == expected)
        }
    }

    @Test func tamperedChunkDataIsRejected() throws {
        let seed = try #require(Self.streamingSeed())
        var data = Array(repeating: UInt8(ascii: "a"), count: 65536)
        data[1000] = UInt8(ascii: "b")
        let error = #expect(throws: S3ProtocolError.self) {
            try Self.decode(AWSExamples.Streaming.body(firstChunk: data), decoder: AwsChunkedDecoder(signing: seed))
        }
        #expect(error?.code == .signatureDoesNotMatch)
    }

    @Test func tamperedChunkSignatureIsRejected() throws {
        let seed = try #require(Self.streamingSeed())
        var body = AWSExamples.Streaming.body()
        let signatureStart = "10000;chunk-signature=".utf8.count
        body[signatureStart] = body[signatureStart] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let error = #expect(throws: S3ProtocolError.self) { try Self.decode(body, decoder: AwsChunkedDecoder(signing: seed)) }
        #expect(error?.code == .signatureDoesNotMatch)
    }

    @Test func tamperedFinalChunkSignatureIsRejected() throws {
        let seed = try #require(Self.streamingSeed())
        let body = AWSExamples.Streaming.body()
        let tampered = Array(body.dropLast(6)) + Array("00\r\n\r\n".utf8)
        #expect(tampered.count == body.count)
        let error = #expect(throws: S3ProtocolError.self) { try Self.decode(tampered, decoder: AwsChunkedDecoder(signing: seed)) }
        #expect(error?.code == .signatureDoesNotMatch)
    }

    @Test func signedChunksNeedASignature() throws {
        let seed = try #require(Self.streamingSeed())
        let error = #expect(throws: S3ProtocolError.self) {
            try Self.decode(Self.unsignedBody, decoder: AwsChunkedDecoder(signing: seed))
        }
        #expect(error?.code == .incompleteBody)
    }

    @Test(arguments: [1, 10, 30, 40, 41, 52])
    func truncatedBodyIsIncomplete(length: Int) {
        let error = #expect(throws: S3ProtocolError.self) {
            try Self.decode(Array(Self.unsignedBody.prefix(length)), decoder: AwsChunkedDecoder())
        }
        #expect(error?.code == .incompleteBody)
    }

    @Test func bodyWithoutTheClosingEmptyLineIsAccepted() throws {
        let body = Array(Self.unsignedBody.dropLast(2))
        #expect(try Self.decode(body, decoder: AwsChunkedDecoder()) == Self.expectedUnsigned)
    }

    @Test func decodedLengthMustMatch() {
        let short = #expect(throws: S3ProtocolError.self) { try Self.decode(Self.unsignedBody, decoder: AwsChunkedDecoder(decodedContentLength: 25)) }
        #expect(short?.code == .incompleteBody)
        let long = #expect(throws: S3ProtocolError.self) { try Self.decode(Self.unsignedBody, decoder: AwsChunkedDecoder(decodedContentLength: 23)) }
        #expect(long?.code == .incompleteBody)
    }

    @Test(arguments: ["zz\r\nab\r\n0\r\n\r\n", "\r\n", "12345678123456789\r\n", "2\r\nabX\r\n0\r\n\r\n", "0\r\nnocolon\r\n\r\n"])
    func malformedFramingIsRejected(body: String) {
        #expect(throws: S3ProtocolError.self) { try Self.decode(Array(body.utf8), decoder: AwsChunkedDecoder()) }
    }

    @Test func afterAnErrorEveryFeedFails() throws {
        var decoder = AwsChunkedDecoder()
        #expect(throws: S3ProtocolError.self) { try decoder.feed(ByteBuffer(string: "zz\r\n")) }
        #expect(throws: S3ProtocolError.self) { try decoder.feed(ByteBuffer(string: "0\r\n\r\n")) }
    }

    @Test func signedTrailerIsVerified() throws {
        let seed = try #require(Self.streamingSeed(trailer: true))
        let body = Self.signedTrailerBody(seed: seed, data: Array("hello trailer".utf8), trailers: ["x-amz-checksum-crc32c": "sOO8/Q=="])
        let expected = Decoded(data: Array("hello trailer".utf8), trailers: ["x-amz-checksum-crc32c": "sOO8/Q=="])
        for cut in stride(from: 0, to: body.count, by: 7) {
            #expect(try Self.decode(body, cuts: [cut], decoder: AwsChunkedDecoder(signing: seed, decodedContentLength: 13)) == expected)
        }
        let forged = Self.signedTrailerBody(
            seed: seed,
            data: Array("hello trailer".utf8),
            trailers: ["x-amz-checksum-crc32c": "sOO8/Q=="],
            forgeTrailer: "AAAAAA=="
        )
        let error = #expect(throws: S3ProtocolError.self) { try Self.decode(forged, decoder: AwsChunkedDecoder(signing: seed)) }
        #expect(error?.code == .signatureDoesNotMatch)
    }

    @Test func unsignedTrailerAfterSignedChunksIsRejected() throws {
        let seed = try #require(Self.streamingSeed())
        var body = AWSExamples.Streaming.body().dropLast(2)
        body += Array("x-amz-checksum-crc32:AAAAAA==\r\n\r\n".utf8)
        #expect(throws: S3ProtocolError.self) { try Self.decode(Array(body), decoder: AwsChunkedDecoder(signing: seed)) }
    }

    /// The signing context the AWS streaming example authenticates to.
    static func streamingSeed(trailer: Bool = false) -> ChunkSigningContext? {
        let key = SignatureV4.signingKey(secretKey: AWSExamples.secretKey, date: "20130524", region: "us-east-1")
        return ChunkSigningContext(
            signingKey: key.withUnsafeBytes { Array($0) },
            timestamp: "20130524T000000Z",
            scope: AWSExamples.scope,
            seedSignature: AWSExamples.Streaming.seedSignature,
            hasTrailer: trailer
        )
    }

    /// One signed data chunk, the final chunk, then the trailers and their signature, as an SDK frames them.
    static func signedTrailerBody(seed: ChunkSigningContext, data: [UInt8], trailers: [String: String], forgeTrailer: String? = nil) -> [UInt8] {
        let first = seed.chunkSignature(previousSignature: seed.seedSignature, chunkSHA256: hex(SHA256.hash(data: data)))
        let final = seed.chunkSignature(previousSignature: first, chunkSHA256: AWSExamples.emptySHA256)
        let lines = trailers.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)\n" }.joined()
        let trailerSignature = seed.trailerSignature(previousSignature: final, trailerSHA256: hex(SHA256.hash(data: Array(lines.utf8))))
        let sent = forgeTrailer.map { value in trailers.mapValues { _ in value } } ?? trailers
        return Array("\(String(data.count, radix: 16));chunk-signature=\(first)\r\n".utf8) + data
            + Array("\r\n0;chunk-signature=\(final)\r\n".utf8)
            + Array(sent.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)\r\n" }.joined().utf8)
            + Array("x-amz-trailer-signature:\(trailerSignature)\r\n\r\n".utf8)
    }
}

/// A small seeded generator, so random splits are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
