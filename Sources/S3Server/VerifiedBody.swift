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

    /// S3's largest single upload (an object or a part), 5 GiB; a longer body is refused with `EntityTooLarge`.
    static let maxBytes = 5 << 30

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

    /// - Parameter alsoCompute: checksums to compute besides the declared one (S3's default CRC64NVME, an upload's).
    init(_ request: S3Request, payload: PayloadSigning, alsoCompute: Set<ChecksumAlgorithm> = []) throws {
        self.source = request.body
        let decodedLength = request.header("x-amz-decoded-content-length").flatMap { Int($0) }
        self.decoder = AwsChunkedDecoder(payload: payload, decodedContentLength: decodedLength)
        self.verifier = try BodyVerifier(request: request.signable, payload: payload, alsoCompute: alsoCompute)
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
        var byteCount = 0

        mutating func next() async throws -> ByteBuffer? {
            while true {
                if !ready.isEmpty { return ready.removeFirst() }
                if finished { return nil }
                let next: ByteBuffer?
                do {
                    next = try await source.next()
                } catch {
                    throw S3Error.unreadableBody(error)
                }
                guard let buffer = next else {
                    if decoder != nil { try accept(decoder!.finish()) }
                    outcome.record(try verifier.finish(trailers: trailers))
                    finished = true
                    continue
                }
                // Counted as received, framing included: a body without a declared length is bounded too.
                byteCount += buffer.readableBytes
                guard byteCount <= VerifiedBody.maxBytes + VerifiedBody.maxFramingBytes else { throw S3Error.entityTooLarge(proposed: nil) }
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

extension VerifiedBody {
    /// Room for aws-chunked framing around `maxBytes` of content: a chunk header per 8 KiB chunk at worst, and trailers.
    static let maxFramingBytes = maxBytes / 8192 * 100 + 64 * 1024
}

extension S3Error {
    /// S3's answer to a body longer than ``VerifiedBody/maxBytes``.
    static func entityTooLarge(proposed: Int?) -> S3Error {
        var details: [(name: String, value: String)] = []
        if let proposed { details.append(("ProposedSize", String(proposed))) }
        details.append(("MaxSizeAllowed", String(VerifiedBody.maxBytes)))
        return S3Error("EntityTooLarge", status: .badRequest, message: "Your proposed upload exceeds the maximum allowed size", details: details)
    }

    /// A body the transport could not deliver (malformed HTTP chunked framing, a connection closed midway): the client's
    /// fault, a 400, never an internal error.
    static func unreadableBody(_ error: any Error) -> S3Error {
        S3Error("IncompleteBody", status: .badRequest, message: "The request body could not be read to its end: \(error).")
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
