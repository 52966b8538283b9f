import Crypto

/// What verifying aws-chunked chunk signatures needs from the request's own signature.
public struct ChunkSigningContext: Sendable, Equatable {
    /// Raw bytes of the SigV4 signing key of the request.
    public var signingKey: [UInt8]
    /// The request timestamp, `20130524T000000Z`.
    public var timestamp: String
    /// The credential scope, `20130524/us-east-1/s3/aws4_request`.
    public var scope: String
    /// The signature of the request headers, which the first chunk signature chains to.
    public var seedSignature: String
    /// Whether a signed trailer follows the last chunk (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER`).
    public var hasTrailer: Bool

    public init(signingKey: [UInt8], timestamp: String, scope: String, seedSignature: String, hasTrailer: Bool = false) {
        self.signingKey = signingKey
        self.timestamp = timestamp
        self.scope = scope
        self.seedSignature = seedSignature
        self.hasTrailer = hasTrailer
    }

    /// The expected signature of a chunk whose data hashes to `chunkSHA256` (hex).
    public func chunkSignature(previousSignature: String, chunkSHA256: String) -> String {
        SignatureV4.signature(
            signingKey: SymmetricKey(data: self.signingKey),
            stringToSign: SignatureV4.chunkStringToSign(
                timestamp: self.timestamp,
                scope: self.scope,
                previousSignature: previousSignature,
                chunkSHA256: chunkSHA256
            )
        )
    }

    /// The expected signature of the trailer whose `name:value\n` lines hash to `trailerSHA256` (hex).
    public func trailerSignature(previousSignature: String, trailerSHA256: String) -> String {
        SignatureV4.signature(
            signingKey: SymmetricKey(data: self.signingKey),
            stringToSign: SignatureV4.trailerStringToSign(
                timestamp: self.timestamp,
                scope: self.scope,
                previousSignature: previousSignature,
                trailerSHA256: trailerSHA256
            )
        )
    }
}
