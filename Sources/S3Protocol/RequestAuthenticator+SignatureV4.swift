import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RequestAuthenticator {
    /// The parts of a SigV4 `Credential`: `AKID/20130524/us-east-1/s3/aws4_request`.
    struct CredentialScope {
        var accessKey: String
        var date: String
        var region: String
        var service: String

        var scope: String { "\(self.date)/\(self.region)/\(self.service)/aws4_request" }

        init?(_ credential: String) {
            let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 5, !parts[0].isEmpty, parts[1].utf8.count == 8, parts[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                !parts[2].isEmpty, !parts[3].isEmpty, parts[4] == "aws4_request"
            else { return nil }
            (self.accessKey, self.date, self.region, self.service) = (parts[0], parts[1], parts[2], parts[3])
        }
    }

    func authenticateV4Header(_ request: SignableRequest, authorization: String, now: Date) async throws -> AuthenticationResult {
        func malformed(_ message: String) -> S3ProtocolError {
            S3ProtocolError(.authorizationHeaderMalformed, "The authorization header is malformed; " + message)
        }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst(SignatureV4.algorithm.count + 1).split(separator: ",") {
            let trimmed = part.trimmingSpaces()
            guard let equals = trimmed.firstIndex(of: "=") else { throw malformed("the authorization component \"\(trimmed)\" is malformed.") }
            fields[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        guard let credential = fields["Credential"] else { throw malformed("missing Credential.") }
        guard let signedHeaderList = fields["SignedHeaders"] else { throw malformed("missing SignedHeaders.") }
        guard let signature = fields["Signature"] else { throw malformed("missing Signature.") }
        guard let scope = CredentialScope(credential) else {
            throw malformed("the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")
        }
        try self.checkRegion(scope, error: { malformed($0) })

        let timestamp: String
        let requestDate: Date
        if let amzDate = request.header("x-amz-date") {
            guard let date = SignatureDate.parseAmzDate(amzDate) else {
                throw S3ProtocolError(.accessDenied, "AWS authentication requires a valid Date or x-amz-date header")
            }
            (timestamp, requestDate) = (amzDate, date)
        } else if let httpDate = request.header("date"), let date = SignatureDate.parseRFC1123(httpDate) {
            (timestamp, requestDate) = (SignatureDate.amzDate(date), date)
        } else {
            throw S3ProtocolError(.accessDenied, "AWS authentication requires a valid Date or x-amz-date header")
        }
        guard timestamp.hasPrefix(scope.date) else {
            throw malformed("Invalid credential date. Date is not the same as X-Amz-Date.")
        }
        guard let payloadHash = request.header("x-amz-content-sha256") else {
            throw S3ProtocolError(.invalidRequest, "Missing required header for this request: x-amz-content-sha256")
        }
        let payload = try Self.payloadSigning(payloadHash)
        try self.checkSkew(requestDate, now: now)

        let signedHeaders = signedHeaderList.split(separator: ";").map { $0.lowercased() }
        try Self.checkSignedHeaders(request, signedHeaders: signedHeaders)
        let secret = try await self.secretKey(for: scope.accessKey)
        let signingKey = try self.verifyV4(
            request,
            scope: scope,
            secret: secret,
            timestamp: timestamp,
            signedHeaders: signedHeaders,
            payloadHash: payloadHash,
            excludingQuery: [],
            signature: signature
        )
        return .authenticated(
            accessKey: scope.accessKey,
            payload: Self.resolve(
                payload,
                signingKey: signingKey,
                timestamp: timestamp,
                scope: scope.scope,
                seedSignature: signature.lowercased()
            )
        )
    }

    func authenticateV4Query(_ request: SignableRequest, query: [QueryItem], now: Date) async throws -> AuthenticationResult {
        func queryError(_ message: String) -> S3ProtocolError {
            S3ProtocolError(.authorizationQueryParametersError, message)
        }
        guard let algorithm = query.value("X-Amz-Algorithm"), let credential = query.value("X-Amz-Credential"),
            let signature = query.value("X-Amz-Signature"), let timestamp = query.value("X-Amz-Date"),
            let signedHeaderList = query.value("X-Amz-SignedHeaders"), let expiresString = query.value("X-Amz-Expires")
        else {
            throw queryError(
                "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
                    + "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
            )
        }
        guard algorithm == SignatureV4.algorithm else { throw queryError("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"") }
        guard let scope = CredentialScope(credential) else {
            throw queryError(
                "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "
                    + "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
            )
        }
        try self.checkRegion(scope, error: { queryError("Error parsing the X-Amz-Credential parameter; " + $0) })
        guard let requestDate = SignatureDate.parseAmzDate(timestamp) else {
            throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        guard timestamp.hasPrefix(scope.date) else {
            throw queryError("Error parsing the X-Amz-Credential parameter; Invalid credential date. Date is not the same as X-Amz-Date.")
        }
        guard let expires = Int(expiresString) else { throw queryError("X-Amz-Expires should be a number") }
        // S3 refuses these with 403 AccessDenied (ceph s3-tests); a URL valid for 0 seconds has expired when it arrives.
        guard expires >= 0 else { throw S3ProtocolError(.accessDenied, "X-Amz-Expires must be non-negative") }
        guard expires <= 604_800 else {
            throw S3ProtocolError(
                .accessDenied,
                "X-Amz-Expires must be less than a week (in seconds) that is; the maximum expires is 604800 seconds"
            )
        }
        guard requestDate.timeIntervalSince(now) <= self.allowedClockSkew else {
            throw S3ProtocolError(.accessDenied, "Request is not valid yet")
        }
        guard expires > 0, now.timeIntervalSince(requestDate) <= TimeInterval(expires) else {
            throw S3ProtocolError(
                .accessDenied,
                "Request has expired",
                details: [
                    ("X-Amz-Expires", expiresString),
                    ("Expires", SignatureDate.iso8601(requestDate.addingTimeInterval(TimeInterval(expires)))),
                    ("ServerTime", SignatureDate.iso8601(now)),
                ]
            )
        }
        let payloadHash = request.header("x-amz-content-sha256") ?? query.value("X-Amz-Content-Sha256") ?? SignatureV4.unsignedPayload
        let payload = try Self.payloadSigning(payloadHash)
        let signedHeaders = signedHeaderList.split(separator: ";").map { $0.lowercased() }
        try Self.checkSignedHeaders(request, signedHeaders: signedHeaders)
        let secret = try await self.secretKey(for: scope.accessKey)
        let signingKey = try self.verifyV4(
            request,
            scope: scope,
            secret: secret,
            timestamp: timestamp,
            signedHeaders: signedHeaders,
            payloadHash: payloadHash,
            excludingQuery: ["X-Amz-Signature"],
            signature: signature
        )
        return .authenticated(
            accessKey: scope.accessKey,
            payload: Self.resolve(
                payload,
                signingKey: signingKey,
                timestamp: timestamp,
                scope: scope.scope,
                seedSignature: signature.lowercased()
            )
        )
    }

    private func checkRegion(_ scope: CredentialScope, error: (String) -> S3ProtocolError) throws {
        guard self.acceptsAnyRegion || scope.region == self.region else {
            throw error("the region '\(scope.region)' is wrong; expecting '\(self.region)'")
        }
    }

    /// Recomputes the signature and compares it in constant time; returns the signing key for chunk signatures.
    private func verifyV4(
        _ request: SignableRequest,
        scope: CredentialScope,
        secret: String,
        timestamp: String,
        signedHeaders: [String],
        payloadHash: String,
        excludingQuery: Set<String>,
        signature: String
    ) throws -> SymmetricKey {
        let canonicalRequest = SignatureV4.canonicalRequest(
            request,
            signedHeaders: signedHeaders,
            payloadHash: payloadHash,
            excludingQuery: excludingQuery
        )
        let stringToSign = SignatureV4.stringToSign(timestamp: timestamp, scope: scope.scope, canonicalRequest: canonicalRequest)
        let signingKey = signingKeys.key(secret: secret, date: scope.date, region: scope.region, service: scope.service)
        let expected = SignatureV4.signature(signingKey: signingKey, stringToSign: stringToSign)
        guard constantTimeEquals(expected, signature.lowercased()) else {
            throw S3ProtocolError(
                .signatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                details: [
                    ("AWSAccessKeyId", scope.accessKey),
                    ("StringToSign", stringToSign),
                    ("SignatureProvided", signature),
                    ("CanonicalRequest", canonicalRequest),
                ]
            )
        }
        return signingKey
    }

    /// What `x-amz-content-sha256` says about the body, before the signing key is known.
    private enum DeclaredPayload {
        case unsigned
        case sha256(String)
        case streamingSigned(trailer: Bool)
        case streamingUnsignedTrailer
    }

    private static func payloadSigning(_ value: String) throws -> DeclaredPayload {
        switch value {
        case SignatureV4.unsignedPayload: return .unsigned
        case SignatureV4.streamingSignedPayload: return .streamingSigned(trailer: false)
        case SignatureV4.streamingSignedPayloadTrailer: return .streamingSigned(trailer: true)
        case SignatureV4.streamingUnsignedPayloadTrailer: return .streamingUnsignedTrailer
        default:
            guard value.utf8.count == 64, value.utf8.allSatisfy({ hexValue($0) != nil }) else {
                throw S3ProtocolError(
                    .invalidArgument,
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                        + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                    details: [("ArgumentName", "x-amz-content-sha256"), ("ArgumentValue", value)]
                )
            }
            return .sha256(value.lowercased())
        }
    }

    private static func resolve(
        _ payload: DeclaredPayload,
        signingKey: SymmetricKey,
        timestamp: String,
        scope: String,
        seedSignature: String
    ) -> PayloadSigning {
        switch payload {
        case .unsigned: return .unsigned
        case .sha256(let digest): return .sha256(digest)
        case .streamingUnsignedTrailer: return .streamingUnsignedTrailer
        case .streamingSigned(let trailer):
            let keyBytes = signingKey.withUnsafeBytes { Array($0) }
            return .streamingSigned(
                seed: ChunkSigningContext(
                    signingKey: keyBytes,
                    timestamp: timestamp,
                    scope: scope,
                    seedSignature: seedSignature,
                    hasTrailer: trailer
                )
            )
        }
    }
}
