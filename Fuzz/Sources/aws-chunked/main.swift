import FuzzSupport
import NIOCore
import S3Protocol

/// The aws-chunked decoder and the body verifier behind it, fed in pieces. The first byte chooses signed chunks or not,
/// a trailer or not, a declared decoded length or not; the second how the body is split.
func fuzzAwsChunked(_ bytes: [UInt8]) {
    guard bytes.count >= 2 else { return }
    let flags = bytes[0]
    let pieceSize = Int(bytes[1]) + 1
    let body = bytes.dropFirst(2)
    let signing: ChunkSigningContext? =
        flags & 1 == 0
        ? nil
        : ChunkSigningContext(
            signingKey: Array(repeating: 7, count: 32),
            timestamp: "20130524T000000Z",
            scope: "20130524/us-east-1/s3/aws4_request",
            seedSignature: String(repeating: "0", count: 64),
            hasTrailer: flags & 2 != 0
        )
    var decoder = AwsChunkedDecoder(signing: signing, decodedContentLength: flags & 4 == 0 ? nil : body.count / 2)
    let payload: PayloadSigning = flags & 8 == 0 ? .streamingUnsignedTrailer : .unsigned
    let headers: [(name: String, value: String)] = flags & 16 == 0 ? [] : [("x-amz-trailer", "x-amz-checksum-crc32")]
    let request = SignableRequest(method: "PUT", rawPath: "/b/k", headers: headers)
    guard var verifier = try? BodyVerifier(request: request, payload: payload) else { return }
    var trailers: [String: String] = [:]
    func accept(_ outputs: [AwsChunkedDecoder.Output]) {
        for output in outputs {
            switch output {
            case .data(let buffer): verifier.update(buffer)
            case .end(let found): trailers = found
            }
        }
    }
    var offset = body.startIndex
    do {
        while offset < body.endIndex {
            let end = min(offset + pieceSize, body.endIndex)
            accept(try decoder.feed(ByteBuffer(bytes: body[offset..<end])))
            offset = end
        }
        accept(try decoder.finish())
        _ = try verifier.finish(trailers: trailers)
    } catch {
        // A refused body is fine; a crash or a hang is not.
    }
}

FuzzDriver.run { data, count in
    fuzzAwsChunked(FuzzDriver.bytes(data, count))
    return 0
}
