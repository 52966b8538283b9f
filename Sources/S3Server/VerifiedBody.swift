import Hummingbird
import NIOCore
import S3Protocol
import Synchronization

/// A request body as the bytes it carries: aws-chunked framing removed, chunk signatures, `x-amz-content-sha256`,
/// Content-MD5 and flexible checksums verified.
///
/// Verification ends with the body: the sequence throws on its last step when anything does not match, so a
/// consumer that publishes only after a complete iteration (the store's staging does) never keeps a bad body.
struct VerifiedBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    /// What verification found, readable once the body was consumed to the end.
    final class Outcome: Sendable {
        private let value = Mutex<BodyVerifier.Result?>(nil)

        var result: BodyVerifier.Result? { value.withLock { $0 } }

        fileprivate func record(_ result: BodyVerifier.Result) {
            value.withLock { $0 = result }
        }
    }

    let source: RequestBody
    let decoder: AwsChunkedDecoder?
    let verifier: BodyVerifier
    let outcome = Outcome()

    init(_ request: S3Request, payload: PayloadSigning) throws {
        self.source = request.body
        let decodedLength = request.header("x-amz-decoded-content-length").flatMap { Int($0) }
        self.decoder = AwsChunkedDecoder(payload: payload, decodedContentLength: decodedLength)
        self.verifier = try BodyVerifier(request: request.signable, payload: payload)
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(source: source.makeAsyncIterator(), decoder: decoder, verifier: verifier, outcome: outcome)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var source: RequestBody.AsyncIterator
        var decoder: AwsChunkedDecoder?
        var verifier: BodyVerifier
        let outcome: Outcome
        var ready: [ByteBuffer] = []
        var trailers: [String: String] = [:]
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            while true {
                if !ready.isEmpty { return ready.removeFirst() }
                if finished { return nil }
                guard let buffer = try await source.next() else {
                    if decoder != nil { try accept(decoder!.finish()) }
                    outcome.record(try verifier.finish(trailers: trailers))
                    finished = true
                    continue
                }
                if decoder != nil {
                    try accept(decoder!.feed(buffer))
                } else {
                    verifier.update(buffer)
                    return buffer
                }
            }
        }

        private mutating func accept(_ outputs: [AwsChunkedDecoder.Output]) {
            for output in outputs {
                switch output {
                case .data(let data):
                    verifier.update(data)
                    ready.append(data)
                case .end(let trailers):
                    self.trailers = trailers
                }
            }
        }
    }
}

extension S3Request {
    /// The request as the signature code sees it.
    var signable: SignableRequest {
        SignableRequest(
            method: method.rawValue,
            rawPath: rawPath,
            rawQuery: rawQuery,
            // swift-http-types keeps Host apart, as the authority pseudo-header; signatures cover it as `host`.
            headers: [("host", head.authority ?? "")] + headers.map { ($0.name.rawName, $0.value) },
            virtualHostedBucket: isVirtualHosted ? bucket : nil
        )
    }
}
