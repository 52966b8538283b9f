import Crypto

/// AWS Signature Version 4 for S3, as its documented stages:
/// canonical request → string to sign → signing key → signature.
public enum SignatureV4 {
    public static let algorithm = "AWS4-HMAC-SHA256"
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    public static let streamingSignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    public static let streamingSignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
    public static let streamingUnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    /// Hex SHA-256 of the empty string.
    public static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The canonical URI of a raw (percent-encoded) path: each segment decoded, then encoded once with `UriEncode`.
    ///
    /// S3 neither normalises the path (`.`/`..`/`//` stay) nor double-encodes it, unlike the other AWS services.
    public static func canonicalURI(rawPath: String) -> String {
        guard !rawPath.isEmpty else { return "/" }
        return rawPath.split(separator: "/", omittingEmptySubsequences: false)
            .map { PercentEncoding.uriEncode(PercentEncoding.decode($0), encodeSlash: true) }
            .joined(separator: "/")
    }

    /// The canonical query string: every name and value `UriEncode`d, sorted by name then value, `&`-joined.
    /// - Parameter excluding: names left out, such as `X-Amz-Signature` in a presigned URL.
    public static func canonicalQueryString(rawQuery: String, excluding: Set<String> = []) -> String {
        QueryItem.parse(rawQuery)
            .filter { !excluding.contains($0.name) }
            .map { (PercentEncoding.uriEncode($0.name), PercentEncoding.uriEncode($0.value)) }
            // Encoded names and values are ASCII, so String order is byte order.
            .sorted(by: <)
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// The canonical headers block: one `name:value\n` line per signed header, values trimmed with inner runs of
    /// spaces collapsed, repeated headers joined with `,`.
    public static func canonicalHeaders(_ headers: [(name: String, value: String)], signedHeaders: [String]) -> String {
        var out = ""
        for name in signedHeaders {
            var values = headers.filter { $0.name.caseInsensitiveEquals(name) }.map { collapseSpaces($0.value) }
            // HTTP/2 carries the host as the :authority pseudo-header.
            if values.isEmpty, name == "host" {
                values = headers.filter { $0.name == ":authority" }.map { collapseSpaces($0.value) }
            }
            out += name + ":" + values.joined(separator: ",") + "\n"
        }
        return out
    }

    /// The canonical request, the first stage of the signature.
    public static func canonicalRequest(
        method: String,
        canonicalURI: String,
        canonicalQueryString: String,
        canonicalHeaders: String,
        signedHeaders: [String],
        payloadHash: String
    ) -> String {
        [method, canonicalURI, canonicalQueryString, canonicalHeaders, signedHeaders.joined(separator: ";"), payloadHash]
            .joined(separator: "\n")
    }

    /// The canonical request of a request, with the headers named in `signedHeaders`.
    public static func canonicalRequest(
        _ request: SignableRequest,
        signedHeaders: [String],
        payloadHash: String,
        excludingQuery: Set<String> = []
    ) -> String {
        canonicalRequest(
            method: request.method,
            canonicalURI: canonicalURI(rawPath: request.rawPath),
            canonicalQueryString: canonicalQueryString(rawQuery: request.rawQuery, excluding: excludingQuery),
            canonicalHeaders: canonicalHeaders(request.headers, signedHeaders: signedHeaders),
            signedHeaders: signedHeaders,
            payloadHash: payloadHash
        )
    }

    /// The string to sign: algorithm, timestamp (`20130524T000000Z`), scope and the hex SHA-256 of the canonical request.
    public static func stringToSign(timestamp: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, timestamp, scope, sha256Hex(canonicalRequest)].joined(separator: "\n")
    }

    /// The signing key: the HMAC chain from `"AWS4" + secret` over date (`20130524`), region, service and `aws4_request`.
    public static func signingKey(secretKey: String, date: String, region: String, service: String = "s3") -> SymmetricKey {
        var key = SymmetricKey(data: Array(("AWS4" + secretKey).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// The hex signature of a string to sign.
    public static func signature(signingKey: SymmetricKey, stringToSign: String) -> String {
        hexEncoded(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: signingKey))
    }

    /// The string to sign of one aws-chunked chunk, chained to the previous signature.
    public static func chunkStringToSign(timestamp: String, scope: String, previousSignature: String, chunkSHA256: String) -> String {
        ["AWS4-HMAC-SHA256-PAYLOAD", timestamp, scope, previousSignature, emptySHA256, chunkSHA256].joined(separator: "\n")
    }

    /// The string to sign of the trailer that follows the last chunk.
    /// - Parameter trailerSHA256: hex SHA-256 of the trailer headers as `name:value\n` lines.
    public static func trailerStringToSign(timestamp: String, scope: String, previousSignature: String, trailerSHA256: String) -> String {
        ["AWS4-HMAC-SHA256-TRAILER", timestamp, scope, previousSignature, trailerSHA256].joined(separator: "\n")
    }

    static func sha256Hex(_ string: String) -> String {
        sha256Hex(Array(string.utf8))
    }

    /// The hex SHA-256 of a payload, as `x-amz-content-sha256` carries it.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        hexEncoded(SHA256.hash(data: bytes))
    }

    /// Trims a header value and collapses runs of spaces to one, as canonical headers require.
    static func collapseSpaces(_ value: String) -> String {
        var out = [UInt8]()
        var lastWasSpace = false
        for byte in value.utf8 {
            let isSpace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            if isSpace {
                if !lastWasSpace, !out.isEmpty { out.append(UInt8(ascii: " ")) }
            } else {
                out.append(byte)
            }
            lastWasSpace = isSpace
        }
        if out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
