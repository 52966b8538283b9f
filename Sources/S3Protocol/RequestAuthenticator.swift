#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Checks the signature of an S3 request: SigV4 in the `Authorization` header or a presigned query,
/// SigV2 in the header or the query, and the OBS signature (SigV2's algorithm in the OBS dialect) in the header or the query.
/// Pure: the caller supplies the clock and the credentials.
public struct RequestAuthenticator: Sendable {
    public var credentials: any CredentialProvider
    /// The region of this server.
    public var region: String
    /// Accept a SigV4 credential scope naming any region, as a local emulator should; when false, only `region`.
    public var acceptsAnyRegion: Bool
    /// How far the request time may be from the server clock, in seconds.
    public var allowedClockSkew: TimeInterval
    let signingKeys = SigningKeyCache()

    public init(
        credentials: any CredentialProvider,
        region: String = "us-east-1",
        acceptsAnyRegion: Bool = true,
        allowedClockSkew: TimeInterval = 15 * 60
    ) {
        self.credentials = credentials
        self.region = region
        self.acceptsAnyRegion = acceptsAnyRegion
        self.allowedClockSkew = allowedClockSkew
    }

    /// Authenticates a request, or throws an ``S3ProtocolError`` with the S3 error code to answer with.
    public func authenticate(_ request: SignableRequest, now: Date = Date()) async throws -> AuthenticationResult {
        let query = request.queryItems
        let authorization = request.header("authorization")
        let presignedV4 =
            query.value("X-Amz-Algorithm") != nil || query.value("X-Amz-Signature") != nil
            || query.value("X-Amz-Credential") != nil
        let presignedV2 = query.value("AWSAccessKeyId") != nil || query.value("Signature") != nil
        let presignedOBS = query.value("AWSAccessKeyId") == nil && query.value(SignatureV2.Dialect.obs.accessKeyParameter) != nil
        if let authorization {
            if presignedV4 || presignedV2 {
                throw S3ProtocolError(
                    .invalidArgument,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                        + "Signature query string parameter or the Authorization header should be specified"
                )
            }
            if authorization.hasPrefix(SignatureV4.algorithm + " ") {
                return try await self.authenticateV4Header(request, authorization: authorization, now: now)
            }
            if authorization.hasPrefix(SignatureV2.Dialect.aws.scheme + " ") {
                return try await self.authenticateV2Header(request, authorization: authorization, dialect: .aws, now: now)
            }
            if authorization.hasPrefix(SignatureV2.Dialect.obs.scheme + " ") {
                return try await self.authenticateV2Header(request, authorization: authorization, dialect: .obs, now: now)
            }
            throw S3ProtocolError(.invalidArgument, "Unsupported Authorization Type", details: [("ArgumentName", "Authorization")])
        }
        if presignedV4 {
            return try await self.authenticateV4Query(request, query: query, now: now)
        }
        if presignedV2 || presignedOBS {
            return try await self.authenticateV2Query(request, query: query, dialect: presignedOBS ? .obs : .aws, now: now)
        }
        return .anonymous
    }

    func secretKey(for accessKey: String) async throws -> String {
        guard let secret = await self.credentials.secretKey(forAccessKey: accessKey) else {
            throw S3ProtocolError(
                .invalidAccessKeyId,
                "The AWS Access Key Id you provided does not exist in our records.",
                details: [("AWSAccessKeyId", accessKey)]
            )
        }
        return secret
    }

    func checkSkew(_ requestDate: Date, now: Date) throws {
        guard abs(requestDate.timeIntervalSince(now)) <= self.allowedClockSkew else {
            throw S3ProtocolError(
                .requestTimeTooSkewed,
                "The difference between the request time and the current time is too large.",
                details: [
                    ("RequestTime", SignatureDate.iso8601(requestDate)),
                    ("ServerTime", SignatureDate.iso8601(now)),
                    ("MaxAllowedSkewMilliseconds", String(Int(self.allowedClockSkew * 1000))),
                ]
            )
        }
    }
}
