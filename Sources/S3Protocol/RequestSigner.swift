#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs requests with AWS Signature V4 in the Authorization header: what obslab's own command-line client sends.
public struct RequestSigner: Sendable {
    public var accessKey: String
    public var secretKey: String
    public var region: String

    public init(accessKey: String, secretKey: String, region: String = "us-east-1") {
        self.accessKey = accessKey
        self.secretKey = secretKey
        self.region = region
    }

    /// The headers to add to `request` (which must already carry `host`): `x-amz-date`, `x-amz-content-sha256`
    /// and `Authorization`, signing every header the request has.
    public func signatureHeaders(for request: SignableRequest, payloadSHA256: String, date: Date) -> [(name: String, value: String)] {
        let timestamp = SignatureDate.amzDate(date)
        let day = String(timestamp.prefix(8))
        var signed = request
        signed.headers.append(("x-amz-date", timestamp))
        signed.headers.append(("x-amz-content-sha256", payloadSHA256))
        let signedHeaders = Set(signed.headers.map { $0.name.lowercased() }).sorted()
        let canonical = SignatureV4.canonicalRequest(signed, signedHeaders: signedHeaders, payloadHash: payloadSHA256)
        let scope = "\(day)/\(region)/s3/aws4_request"
        let stringToSign = SignatureV4.stringToSign(timestamp: timestamp, scope: scope, canonicalRequest: canonical)
        let key = SignatureV4.signingKey(secretKey: secretKey, date: day, region: region)
        let signature = SignatureV4.signature(signingKey: key, stringToSign: stringToSign)
        let authorization =
            "\(SignatureV4.algorithm) Credential=\(accessKey)/\(scope), SignedHeaders=\(signedHeaders.joined(separator: ";")), "
            + "Signature=\(signature)"
        return [("x-amz-date", timestamp), ("x-amz-content-sha256", payloadSHA256), ("Authorization", authorization)]
    }
}
