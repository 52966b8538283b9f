import ArgumentParser
import Foundation
import S3Protocol

/// Prints presigned SigV4 URLs (query authentication, `UNSIGNED-PAYLOAD`), one per line: `--count` of them from a path
/// and query where `{n}` is the index (`{n3}` zero-padded to 3 digits), so that a load generator can rotate over
/// distinct keys or pages. Extra headers (SSE-C, SSE-KMS) are signed and must be sent as they are given.
struct Presign: ParsableCommand {
    @Option var endpoint: String
    @Option var accessKey = "obslabroot"
    @Option var secretKey = "obslabroot-secret"
    @Option var region = "us-east-1"
    @Option var method = "GET"
    @Option(help: "The path, such as /bucket/key-{n}, percent-encoded.") var path: String
    @Option(help: "Query parameters besides the signature's, percent-encoded, such as list-type=2&prefix=d{n3}%2F.") var query = ""
    @Option var count = 1
    @Option var expires = 3600
    @Option(help: "A header to sign, name:value (repeatable).") var header: [String] = []

    func run() throws {
        let host = URL(string: endpoint)!.host! + (URL(string: endpoint)!.port.map { ":\($0)" } ?? "")
        let timestamp = SignatureDate.amzDate(Date())
        let day = String(timestamp.prefix(8))
        let scope = "\(day)/\(region)/s3/aws4_request"
        let key = SignatureV4.signingKey(secretKey: secretKey, date: day, region: region)
        let extra = header.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
            return (parts[0].lowercased(), parts[1].trimmingCharacters(in: .whitespaces))
        }
        let headers = [(name: "host", value: host)] + extra
        let signedHeaders = headers.map(\.name).sorted()
        var output = ""
        for index in 0..<count {
            let rawPath = Self.fill(path, index)
            let signing = [
                ("X-Amz-Algorithm", SignatureV4.algorithm), ("X-Amz-Credential", "\(accessKey)/\(scope)"), ("X-Amz-Date", timestamp),
                ("X-Amz-Expires", String(expires)), ("X-Amz-SignedHeaders", signedHeaders.joined(separator: ";")),
            ].map { "\($0.0)=\(PercentEncoding.uriEncode($0.1))" }.joined(separator: "&")
            let rawQuery = (query.isEmpty ? "" : Self.fill(query, index) + "&") + signing
            let request = SignableRequest(method: method, rawPath: rawPath, rawQuery: rawQuery, headers: headers)
            let canonical = SignatureV4.canonicalRequest(request, signedHeaders: signedHeaders, payloadHash: SignatureV4.unsignedPayload)
            let signature = SignatureV4.signature(
                signingKey: key,
                stringToSign: SignatureV4.stringToSign(timestamp: timestamp, scope: scope, canonicalRequest: canonical)
            )
            output += "\(rawPath)?\(rawQuery)&X-Amz-Signature=\(signature)\n"
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    static func fill(_ pattern: String, _ index: Int) -> String {
        let padded = String(repeating: "0", count: max(0, 3 - String(index).count)) + String(index)
        return pattern.replacingOccurrences(of: "{n3}", with: padded).replacingOccurrences(of: "{n}", with: String(index))
    }
}
