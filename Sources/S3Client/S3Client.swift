import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import S3Protocol

/// A client of any S3 server (obslab, moto_server, a cluster): requests signed with SigV4 by S3Protocol's signer,
/// path-style addressing, sent with AsyncHTTPClient; answers' XML decoded into S3Documents' models.
///
/// Used by the command line (as the bucket owner) and by the labeling layer's S3 storage adapter (as the labeling
/// service). `execute` returns any answer; the operations in the extensions throw `S3ClientError` for error answers.
public struct S3Client: Sendable {
    public let endpoint: URL
    private let authority: String
    private let signer: RequestSigner
    private let timeout: TimeAmount

    /// - Throws: `S3ClientError` (`InvalidEndpoint`) when `endpoint` has no host.
    public init(endpoint: URL, accessKey: String, secretKey: String, region: String = "us-east-1", timeout: Duration = .seconds(60)) throws {
        guard let host = endpoint.host, !host.isEmpty else {
            throw S3ClientError(code: S3ClientError.invalidEndpointCode, message: "The S3 endpoint \(endpoint.absoluteString) has no host")
        }
        self.endpoint = endpoint
        self.authority = endpoint.port.map { "\(host):\($0)" } ?? host
        self.signer = RequestSigner(accessKey: accessKey, secretKey: secretKey, region: region)
        self.timeout = TimeAmount(timeout)
    }

    /// Sends a signed request and returns the answer whatever its status.
    /// - Parameters:
    ///   - path: the path's segments, each percent-encoded here, once (an object's key split at `/`: `objectPath`).
    ///   - headers: sent and signed, besides `host` and the signature's own.
    ///   - maxBytes: the most body a success may carry (an error body is small whatever the object; it gets 1 MiB).
    /// - Throws: `S3ClientError` when there is no answer (`ServiceUnavailable`) or a success's body is larger than
    ///   `maxBytes` (`ResponseTooLarge`).
    public func execute(
        _ method: HTTPMethod,
        path: [String],
        query: [(String, String)] = [],
        headers: [(name: String, value: String)] = [],
        body: [UInt8] = [],
        maxBytes: Int = 1024 * 1024
    ) async throws -> S3Response {
        let rawPath = "/" + path.map { PercentEncoding.uriEncode($0) }.joined(separator: "/")
        let rawQuery = query.sorted { $0.0 < $1.0 }
            .map { PercentEncoding.uriEncode($0.0) + "=" + PercentEncoding.uriEncode($0.1) }
            .joined(separator: "&")
        let signed = [("host", authority)] + headers.map { ($0.name.lowercased(), $0.value) }
        let signable = SignableRequest(method: method.rawValue, rawPath: rawPath, rawQuery: rawQuery, headers: signed)
        let signature = signer.signatureHeaders(for: signable, payloadSHA256: SignatureV4.sha256Hex(body), date: Date())

        var request = HTTPClientRequest(url: "\(endpoint.scheme ?? "http")://\(authority)\(rawPath)" + (rawQuery.isEmpty ? "" : "?" + rawQuery))
        request.method = method
        for (name, value) in signed.dropFirst() + signature { request.headers.add(name: name, value: value) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: timeout)
        } catch {
            throw S3ClientError(code: S3ClientError.unreachableCode, message: "Cannot reach \(endpoint.absoluteString): \(error)")
        }
        let status = Int(response.status.code)
        let limit = status < 300 ? maxBytes : 1024 * 1024
        do {
            var collected = try await response.body.collect(upTo: limit)
            return S3Response(status: status, headers: response.headers, body: collected.readBytes(length: collected.readableBytes) ?? [])
        } catch is NIOTooManyBytesError {
            throw S3ClientError(
                code: S3ClientError.responseTooLargeCode,
                message: "The answer to \(method.rawValue) \(rawPath) is larger than \(limit) bytes",
                status: status
            )
        }
    }

    /// The path of an object: its bucket, then its key split at `/` (each segment is percent-encoded alone).
    public static func objectPath(bucket: String, key: String) -> [String] {
        [bucket] + key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }
}
