#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RequestAuthenticator {
    /// SigV2 (`AWS AK:signature`) or the OBS signature (`OBS AK:signature`), per `dialect`.
    func authenticateV2Header(
        _ request: SignableRequest,
        authorization: String,
        dialect: SignatureV2.Dialect,
        now: Date
    ) async throws -> AuthenticationResult {
        let credentials = authorization.dropFirst(dialect.scheme.count + 1).trimmingSpaces()
        guard let colon = credentials.lastIndex(of: ":"), colon != credentials.startIndex else {
            let expected = dialect.scheme == SignatureV2.Dialect.aws.scheme ? "AwsAccessKeyId" : "AccessKeyId"
            throw S3ProtocolError(
                .invalidArgument,
                "\(dialect.scheme) authorization header is invalid.  Expected \(expected):signature",
                details: [("ArgumentName", "Authorization"), ("ArgumentValue", authorization)]
            )
        }
        let accessKey = String(credentials[..<colon])
        let signature = String(credentials[credentials.index(after: colon)...])
        let dateValue = request.header(dialect.dateHeader) ?? request.header("date")
        guard let dateValue, let requestDate = SignatureDate.parseRFC1123(dateValue) ?? SignatureDate.parseAmzDate(dateValue) else {
            throw S3ProtocolError(.accessDenied, "\(dialect.scheme) authentication requires a valid Date or \(dialect.dateHeader) header")
        }
        try self.checkSkew(requestDate, now: now)
        let secret = try await self.secretKey(for: accessKey)
        try Self.verifyV2(request, dialect: dialect, expires: nil, accessKey: accessKey, secret: secret, signature: signature)
        return .authenticated(accessKey: accessKey, payload: .unsigned)
    }

    /// A SigV2 presigned URL (`AWSAccessKeyId`, `Expires`, `Signature`) or an OBS one (`AccessKeyId` instead of `AWSAccessKeyId`).
    func authenticateV2Query(
        _ request: SignableRequest,
        query: [QueryItem],
        dialect: SignatureV2.Dialect,
        now: Date
    ) async throws -> AuthenticationResult {
        guard let accessKey = query.value(dialect.accessKeyParameter), let expires = query.value("Expires"),
            let signature = Self.rawQueryValue(request.rawQuery, name: "Signature")
        else {
            throw S3ProtocolError(
                .accessDenied,
                "Query-string authentication requires the Signature, Expires and \(dialect.accessKeyParameter) parameters"
            )
        }
        guard let expiresEpoch = Int(expires) else {
            throw S3ProtocolError(.accessDenied, "Invalid date (should be seconds since epoch): \(expires)")
        }
        guard now.timeIntervalSince1970 <= TimeInterval(expiresEpoch) else {
            throw S3ProtocolError(
                .accessDenied,
                "Request has expired",
                details: [
                    ("Expires", SignatureDate.iso8601(Date(timeIntervalSince1970: TimeInterval(expiresEpoch)))),
                    ("ServerTime", SignatureDate.iso8601(now)),
                ]
            )
        }
        let secret = try await self.secretKey(for: accessKey)
        try Self.verifyV2(request, dialect: dialect, expires: expires, accessKey: accessKey, secret: secret, signature: signature)
        return .authenticated(accessKey: accessKey, payload: .unsigned)
    }

    /// Tries the string to sign of each way SDKs canonicalise the resource; S3 and botocore disagree on a few sub-resources.
    ///
    /// The canonical headers hold both dialects' headers, since the server acts on either. A request that also carries the
    /// other dialect's headers, signed as a client of its own dialect signs (its own prefix only), is refused as S3 refuses
    /// unsigned headers, naming them.
    static func verifyV2(
        _ request: SignableRequest,
        dialect: SignatureV2.Dialect,
        expires: String?,
        accessKey: String,
        secret: String,
        signature: String
    ) throws {
        let foreign = Self.foreignHeaderNames(request, dialect: dialect)
        // The full form first, then (only when it differs) the form that leaves the other dialect's headers out.
        let allPrefixes = SignableRequest.actionableHeaderPrefixes
        let headerForms = foreign.isEmpty ? [allPrefixes] : [allPrefixes, [dialect.headerPrefix]]
        var candidates: [(stringToSign: String, coversAll: Bool)] = []
        let variants = [(dialect.subresources, true), (dialect.fallbackSubresources, true), (dialect.subresources, false)]
        for (formIndex, prefixes) in headerForms.enumerated() {
            for signed in Self.v2ResourceForms(of: request) {
                for case (let subresources?, let keepEmpty) in variants {
                    var variant = dialect
                    variant.subresources = subresources
                    let candidate = SignatureV2.stringToSign(
                        signed,
                        dialect: variant,
                        expires: expires,
                        keepEmptyValues: keepEmpty,
                        headerPrefixes: prefixes
                    )
                    if !candidates.contains(where: { $0.stringToSign == candidate }) { candidates.append((candidate, formIndex == 0)) }
                }
            }
        }
        var matchedAll = false
        var matchedOwnOnly = false
        for candidate in candidates {
            let matches = constantTimeEquals(SignatureV2.signature(secretKey: secret, stringToSign: candidate.stringToSign), signature)
            if candidate.coversAll { matchedAll = matches || matchedAll } else { matchedOwnOnly = matches || matchedOwnOnly }
        }
        if matchedAll { return }
        if matchedOwnOnly { throw S3ProtocolError.headersNotSigned(foreign) }
        throw S3ProtocolError(
            .signatureDoesNotMatch,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            details: [("AWSAccessKeyId", accessKey), ("StringToSign", candidates[0].stringToSign), ("SignatureProvided", signature)]
        )
    }

    /// botocore signs a path-style bucket request (`/bucket`) as `/bucket/`; S3 accepts both forms.
    static func v2ResourceForms(of request: SignableRequest) -> [SignableRequest] {
        let segments = request.rawPath.split(separator: "/", omittingEmptySubsequences: false)
        guard request.virtualHostedBucket == nil, segments.count == 2, !segments[1].isEmpty else { return [request] }
        var withSlash = request
        withSlash.rawPath += "/"
        return [request, withSlash]
    }

    /// A query value decoded without turning `+` into a space: a base64 signature sent unescaped keeps its `+`.
    static func rawQueryValue(_ rawQuery: String, name: String) -> String? {
        for part in rawQuery.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if PercentEncoding.decode(pieces[0]) == name {
                return pieces.count == 2 ? PercentEncoding.decode(pieces[1]) : ""
            }
        }
        return nil
    }
}
