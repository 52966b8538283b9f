extension RequestAuthenticator {
    /// SigV4 covers only the headers its `SignedHeaders` names. As S3 requires, `host` must be one of them, and so must every
    /// `x-amz-*` (and `x-obs-*`) header present: otherwise whoever holds a presigned URL could add, say, an
    /// `x-amz-copy-source` that its signer never approved.
    /// - Throws: `AccessDenied` naming the unsigned headers in `HeadersNotSigned`, as S3 answers.
    static func checkSignedHeaders(_ request: SignableRequest, signedHeaders: [String]) throws {
        let signed = Set(signedHeaders)
        var unsigned: [String] = signed.contains("host") ? [] : ["host"]
        for header in request.headers {
            let name = header.name.lowercased()
            if SignableRequest.isActionable(name), !signed.contains(name), !unsigned.contains(name) {
                unsigned.append(name)
            }
        }
        guard unsigned.isEmpty else { throw S3ProtocolError.headersNotSigned(unsigned) }
    }

    /// The headers of the other dialect's prefix, which a SigV2 or OBS signer computing its own canonical headers would not sign.
    static func foreignHeaderNames(_ request: SignableRequest, dialect: SignatureV2.Dialect) -> [String] {
        var names: [String] = []
        for header in request.headers {
            let name = header.name.lowercased()
            if SignableRequest.isActionable(name), !name.hasPrefix(dialect.headerPrefix), !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }
}

extension S3ProtocolError {
    /// S3's answer to a request carrying headers its signature does not cover.
    static func headersNotSigned(_ names: [String]) -> S3ProtocolError {
        S3ProtocolError(
            .accessDenied,
            "There were headers present in the request which were not signed",
            details: [("HeadersNotSigned", names.joined(separator: ", "))]
        )
    }
}
