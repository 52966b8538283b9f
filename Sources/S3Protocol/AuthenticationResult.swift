/// Who sent a request, and how its body is protected.
public enum AuthenticationResult: Sendable, Equatable {
    /// The request carried no credentials at all.
    case anonymous
    case authenticated(accessKey: String, payload: PayloadSigning)
}

/// How the server must treat the request body after authentication.
public enum PayloadSigning: Sendable, Equatable {
    /// Not covered by the signature (`UNSIGNED-PAYLOAD`, presigned URLs, Signature V2).
    case unsigned
    /// `x-amz-content-sha256` named this lower-case hex digest: check it once the body is read.
    case sha256(String)
    /// `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`: an aws-chunked body whose chunks carry chained signatures.
    case streamingSigned(seed: ChunkSigningContext)
    /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: an aws-chunked body without signatures, with a checksum trailer.
    case streamingUnsignedTrailer

    /// Whether the body is framed as aws-chunked.
    public var isAwsChunked: Bool {
        switch self {
        case .streamingSigned, .streamingUnsignedTrailer: true
        case .unsigned, .sha256: false
        }
    }
}
