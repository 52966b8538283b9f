import NIOCore

/// Decodes an `aws-chunked` request body, fed in pieces split anywhere, as a pure state machine.
///
/// The body is a series of `hex-size[;chunk-signature=<sig>]\r\n<data>\r\n` chunks ending with a zero-size chunk,
/// then trailer lines (`x-amz-checksum-crc32:...`) and an empty line.
///
/// Data is emitted as soon as it arrives, so at most one header or trailer line is ever buffered. In signed mode a
/// chunk's signature can only be checked once its last byte is in, so bytes of a chunk are emitted before the chunk is
/// known to be genuine; a bad signature throws when the chunk ends. The caller must therefore treat everything it was
/// given as provisional until ``Output/end(trailers:)``, and discard it if any call throws (never publish an object
/// before the end).
public struct AwsChunkedDecoder: Sendable {
    public enum Output: Sendable, Equatable {
        /// Decoded body bytes.
        case data(ByteBuffer)
        /// The body ended well: signatures and length checked. Trailer names are lower-case.
        case end(trailers: [String: String])
    }

    /// Longest chunk header or trailer line accepted.
    public static let maxLineLength = 4096
    /// Most trailer bytes accepted.
    public static let maxTrailerLength = 16 * 1024

    private enum State: Sendable {
        case chunkHeader
        case chunkData(remaining: Int)
        /// After a chunk's data, expecting CRLF; `sawCR` when the CR already came.
        case chunkDataEnd(sawCR: Bool)
        case trailer
        case done
        case failed
    }

    private var state = State.chunkHeader
    private var line: [UInt8] = []
    private let signing: ChunkSigningContext?
    private var previousSignature: String
    private var expectedChunkSignature = ""
    private var chunkHash = Checksummer(.sha256)
    private let decodedContentLength: Int?
    private var decodedLength = 0
    private var trailerLines: [(name: String, value: String)] = []
    private var trailerByteCount = 0

    /// - Parameters:
    ///   - signing: the request's signing context for `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`; nil when unsigned.
    ///   - decodedContentLength: `x-amz-decoded-content-length`, which the decoded total must equal.
    public init(signing: ChunkSigningContext? = nil, decodedContentLength: Int? = nil) {
        self.signing = signing
        self.previousSignature = signing?.seedSignature ?? ""
        self.decodedContentLength = decodedContentLength
    }

    /// A decoder for an aws-chunked payload; nil when the payload is not aws-chunked.
    public init?(payload: PayloadSigning, decodedContentLength: Int?) {
        switch payload {
        case .streamingSigned(let seed): self.init(signing: seed, decodedContentLength: decodedContentLength)
        case .streamingUnsignedTrailer: self.init(signing: nil, decodedContentLength: decodedContentLength)
        case .unsigned, .sha256: return nil
        }
    }

    /// Whether the final chunk and the trailers have been read.
    public var isComplete: Bool {
        if case .done = self.state { return true }
        return false
    }

    /// Consumes the next piece of the body.
    public mutating func feed(_ buffer: ByteBuffer) throws -> [Output] {
        var input = buffer
        var outputs: [Output] = []
        do {
            while input.readableBytes > 0 {
                switch self.state {
                case .chunkHeader:
                    guard let header = try self.readLine(&input, limit: Self.maxLineLength) else { break }
                    try self.startChunk(header)
                case .chunkData(let remaining):
                    let count = min(remaining, input.readableBytes)
                    let slice = input.readSlice(length: count)!
                    if self.signing != nil { self.chunkHash.update(slice) }
                    outputs.append(.data(slice))
                    if remaining == count {
                        try self.verifyChunk()
                        self.state = .chunkDataEnd(sawCR: false)
                    } else {
                        self.state = .chunkData(remaining: remaining - count)
                    }
                case .chunkDataEnd(let sawCR):
                    let byte = input.readInteger(as: UInt8.self)!
                    if byte == UInt8(ascii: "\r"), !sawCR {
                        self.state = .chunkDataEnd(sawCR: true)
                    } else if byte == UInt8(ascii: "\n") {
                        self.state = .chunkHeader
                    } else {
                        throw S3ProtocolError(.incompleteBody, "A chunk's data is not followed by CRLF.")
                    }
                case .trailer:
                    guard let trailer = try self.readLine(&input, limit: Self.maxLineLength) else { break }
                    if let output = try self.addTrailerLine(trailer) { outputs.append(output) }
                case .done:
                    // Tolerate stray line ends after the last empty line; anything else is a framing error.
                    let rest = input.readBytes(length: input.readableBytes)!
                    guard rest.allSatisfy({ $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) else {
                        throw S3ProtocolError(.invalidRequest, "Unexpected data after the end of the aws-chunked body.")
                    }
                case .failed:
                    throw S3ProtocolError(.incompleteBody, "The aws-chunked body was already rejected.")
                }
            }
        } catch {
            self.state = .failed
            throw error
        }
        return outputs
    }

    /// Signals the end of the body; throws `IncompleteBody` unless the final chunk and trailers were read.
    ///
    /// A body that stops right after complete trailer lines, without the closing empty line, is accepted.
    public mutating func finish() throws -> [Output] {
        switch self.state {
        case .done:
            return []
        case .trailer where self.line.isEmpty:
            do {
                return [try self.complete()]
            } catch {
                self.state = .failed
                throw error
            }
        default:
            self.state = .failed
            throw S3ProtocolError(.incompleteBody, "The request body terminated unexpectedly")
        }
    }

    /// Reads up to and including LF; returns the line without its CRLF (or bare LF), or nil when more input is needed.
    private mutating func readLine(_ input: inout ByteBuffer, limit: Int) throws -> [UInt8]? {
        let view = input.readableBytesView
        let newline = view.firstIndex(of: UInt8(ascii: "\n"))
        let end = newline ?? view.endIndex
        guard self.line.count + (end - view.startIndex) <= limit else {
            throw S3ProtocolError(.invalidChunkSizeError, "An aws-chunked header or trailer line is too long.")
        }
        self.line.append(contentsOf: view[view.startIndex..<end])
        input.moveReaderIndex(forwardBy: end - view.startIndex)
        guard newline != nil else { return nil }
        input.moveReaderIndex(forwardBy: 1)
        var result = self.line
        self.line = []
        if result.last == UInt8(ascii: "\r") { result.removeLast() }
        return result
    }

    /// Parses `hex-size[;chunk-signature=<sig>]` and moves to the chunk's data (or the trailers after the final chunk).
    private mutating func startChunk(_ header: [UInt8]) throws {
        let parts = header.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)
        let sizeField = parts[0].filter { $0 != UInt8(ascii: " ") }
        guard !sizeField.isEmpty, sizeField.count <= 15, sizeField.allSatisfy({ hexValue($0) != nil }) else {
            throw S3ProtocolError(.invalidChunkSizeError, "The chunk size \"\(String(decoding: parts[0], as: UTF8.self))\" is not valid.")
        }
        let size = sizeField.reduce(0) { $0 << 4 | Int(hexValue($1)!) }
        if let decodedContentLength, self.decodedLength + size > decodedContentLength {
            throw S3ProtocolError(.incompleteBody, "The aws-chunked body is longer than x-amz-decoded-content-length.")
        }
        if self.signing != nil {
            let prefix = Array("chunk-signature=".utf8)
            guard parts.count == 2, parts[1].starts(with: prefix) else {
                throw S3ProtocolError(.incompleteBody, "A chunk header has no chunk-signature.")
            }
            self.expectedChunkSignature = String(decoding: parts[1].dropFirst(prefix.count), as: UTF8.self)
            self.chunkHash = Checksummer(.sha256)
        }
        self.decodedLength += size
        if size == 0 {
            try self.verifyChunk()
            self.state = .trailer
        } else {
            self.state = .chunkData(remaining: size)
        }
    }

    private mutating func verifyChunk() throws {
        guard let signing else { return }
        let expected = signing.chunkSignature(
            previousSignature: self.previousSignature,
            chunkSHA256: hexEncoded(self.chunkHash.finalizeBytes())
        )
        guard constantTimeEquals(expected, self.expectedChunkSignature.lowercased()) else {
            throw S3ProtocolError(
                .signatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                details: [("SignatureProvided", self.expectedChunkSignature)]
            )
        }
        self.previousSignature = expected
    }

    private mutating func addTrailerLine(_ trailer: [UInt8]) throws -> Output? {
        guard !trailer.isEmpty else { return try self.complete() }
        self.trailerByteCount += trailer.count
        guard self.trailerByteCount <= Self.maxTrailerLength,
            let colon = trailer.firstIndex(of: UInt8(ascii: ":")), colon > 0
        else {
            throw S3ProtocolError(
                .malformedTrailerError,
                "The request contained trailing data that was not well-formed or did not conform to our published schema."
            )
        }
        let name = String(decoding: trailer[..<colon], as: UTF8.self).trimmingSpaces().lowercased()
        let value = String(decoding: trailer[(colon + 1)...], as: UTF8.self).trimmingSpaces()
        self.trailerLines.append((name, value))
        return nil
    }

    private mutating func complete() throws -> Output {
        if let decodedContentLength, self.decodedLength != decodedContentLength {
            throw S3ProtocolError(
                .incompleteBody,
                "You did not provide the number of bytes specified by the x-amz-decoded-content-length HTTP header."
            )
        }
        let signatureName = "x-amz-trailer-signature"
        let trailers = self.trailerLines.filter { $0.name != signatureName }
        if let signing {
            let provided = self.trailerLines.first { $0.name == signatureName }?.value
            if signing.hasTrailer {
                var hash = Checksummer(.sha256)
                for trailer in trailers { hash.update(Array("\(trailer.name):\(trailer.value)\n".utf8)) }
                let expected = signing.trailerSignature(
                    previousSignature: self.previousSignature,
                    trailerSHA256: hexEncoded(hash.finalizeBytes())
                )
                guard let provided, constantTimeEquals(expected, provided.lowercased()) else {
                    throw S3ProtocolError(
                        .signatureDoesNotMatch,
                        "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                        details: [("SignatureProvided", provided ?? "")]
                    )
                }
            } else if !trailers.isEmpty || provided != nil {
                throw S3ProtocolError(
                    .malformedTrailerError,
                    "The request contained trailing data that was not well-formed or did not conform to our published schema."
                )
            }
        }
        self.state = .done
        return .end(trailers: Dictionary(trailers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }))
    }
}
