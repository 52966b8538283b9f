import Crypto
import NIOCore

/// Checks a request body, fed as plain (already decoded) bytes, against what the request declared: Content-MD5,
/// a hex `x-amz-content-sha256`, and a flexible checksum in a header or trailer. Computes only what it needs.
public struct BodyVerifier: Sendable {
    /// What the body turned out to be, for storing next to the object.
    public struct Result: Sendable, Equatable {
        /// Base64 flexible checksums computed over the body: the declared one plus any asked for.
        public var checksums: [ChecksumAlgorithm: String]
        /// The declared checksum, whose value S3 stores and echoes.
        public var declaredChecksum: ChecksumAlgorithm?
        /// Base64 MD5 of the body, when Content-MD5 was sent.
        public var contentMD5: String?
    }

    private let expectedMD5: [UInt8]?
    private var md5: MD5State?
    private let expectedSHA256: String?
    private var sha256: Checksummer?
    private let declared: DeclaredChecksum?
    private var checksummers: [Checksummer]

    /// swift-crypto's digests are copy-on-write value types, but its BoringSSL backend does not declare them `Sendable`.
    private struct MD5State: @unchecked Sendable {
        var hash = Insecure.MD5()
    }

    /// - Parameters:
    ///   - contentMD5: the Content-MD5 header (base64); `InvalidDigest` when it is not 16 bytes of base64.
    ///   - payload: the payload signing found by authentication; `.sha256` makes the body's SHA-256 checked.
    ///   - checksum: the declared flexible checksum (see ``DeclaredChecksum/find(in:)``).
    ///   - alsoCompute: further checksums to compute for storage, such as S3's default CRC64NVME.
    public init(
        contentMD5: String?,
        payload: PayloadSigning,
        checksum: DeclaredChecksum?,
        alsoCompute: Set<ChecksumAlgorithm> = []
    ) throws {
        if let contentMD5 {
            guard let digest = Base64.decode(contentMD5.trimmingSpaces()), digest.count == 16 else {
                throw S3ProtocolError(.invalidDigest, "The Content-MD5 you specified was invalid.", details: [("Content-MD5", contentMD5)])
            }
            self.expectedMD5 = digest
            self.md5 = MD5State()
        } else {
            self.expectedMD5 = nil
        }
        if case .sha256(let digest) = payload {
            self.expectedSHA256 = digest.lowercased()
            self.sha256 = Checksummer(.sha256)
        } else {
            self.expectedSHA256 = nil
        }
        self.declared = checksum
        let algorithms = alsoCompute.union(checksum.map { [$0.algorithm] } ?? [])
        self.checksummers = ChecksumAlgorithm.allCases.filter { algorithms.contains($0) }.map { Checksummer($0) }
    }

    /// A verifier for a request's headers: Content-MD5 and the declared flexible checksum.
    public init(request: SignableRequest, payload: PayloadSigning, alsoCompute: Set<ChecksumAlgorithm> = []) throws {
        try self.init(
            contentMD5: request.header("content-md5"),
            payload: payload,
            checksum: try DeclaredChecksum.find(in: request.headers),
            alsoCompute: alsoCompute
        )
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        self.md5?.hash.update(bufferPointer: bytes)
        self.sha256?.update(bytes)
        for index in self.checksummers.indices { self.checksummers[index].update(bytes) }
    }

    /// Adds the readable bytes of a buffer, without consuming them.
    public mutating func update(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { self.update($0) }
    }

    /// Compares what was computed with what was declared, once the whole body is in.
    /// - Parameter trailers: the aws-chunked trailers, lower-case names (from ``AwsChunkedDecoder``).
    public func finish(trailers: [String: String] = [:]) throws -> Result {
        var contentMD5: String?
        if let expectedMD5, let md5 {
            let computed = Array(md5.hash.finalize())
            guard computed == expectedMD5 else {
                throw S3ProtocolError(
                    .badDigest,
                    "The Content-MD5 you specified did not match what we received.",
                    details: [
                        ("ExpectedDigest", Base64.encode(expectedMD5)), ("CalculatedDigest", Base64.encode(computed)),
                    ]
                )
            }
            contentMD5 = Base64.encode(computed)
        }
        if let expectedSHA256, let sha256 {
            let computed = hexEncoded(sha256.finalizeBytes())
            guard computed == expectedSHA256 else {
                throw S3ProtocolError(
                    .xAmzContentSHA256Mismatch,
                    "The provided 'x-amz-content-sha256' header does not match what was computed.",
                    details: [("ClientComputedContentSHA256", expectedSHA256), ("S3ComputedContentSHA256", computed)]
                )
            }
        }
        var checksums: [ChecksumAlgorithm: String] = [:]
        for checksummer in self.checksummers { checksums[checksummer.algorithm] = checksummer.finalize() }
        if let declared {
            let expected: String?
            switch declared.source {
            case .header(let value):
                expected = value
            case .trailer:
                guard let value = trailers[declared.algorithm.headerName] else {
                    throw S3ProtocolError(
                        .malformedTrailerError,
                        "The request contained trailing data that was not well-formed or did not conform to our published schema."
                    )
                }
                guard declared.algorithm.isValid(base64: value) else {
                    throw S3ProtocolError(.invalidRequest, "Value for \(declared.algorithm.headerName) trailing header is invalid.")
                }
                expected = value
            case .algorithmOnly:
                expected = nil
            }
            if let expected, expected != checksums[declared.algorithm] {
                throw S3ProtocolError(
                    .badDigest,
                    "The \(declared.algorithm.rawValue) you specified did not match the calculated checksum."
                )
            }
        }
        return Result(checksums: checksums, declaredChecksum: self.declared?.algorithm, contentMD5: contentMD5)
    }
}
