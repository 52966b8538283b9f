import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import S3Protocol
import Synchronization

/// Reads any S3 server (obslab, moto_server, a cluster) over HTTP with the labeling service's own keys:
/// ListObjectsV2, GetObject, PutObject and DeleteObject, signed with SigV4, path-style addressing.
public final class S3ObjectStorage: ObjectStorage {
    public let endpoint: URL
    let signer: RequestSigner
    /// The continuation token that follows the last page listed under each bucket and prefix, keyed by that
    /// page's last key: paging goes on with the server's token, and any other `startAfter` with `start-after`.
    private let continuations = Mutex<[ListingCursor: String]>([:])

    private struct ListingCursor: Hashable {
        var bucket: String
        var prefix: String
        var lastKey: String
    }

    public init(endpoint: URL, accessKey: String, secretKey: String, region: String = "us-east-1") {
        self.endpoint = endpoint
        self.signer = RequestSigner(accessKey: accessKey, secretKey: secretKey, region: region)
    }

    public func listObjects(bucket: String, prefix: String, startAfter: String?, maxKeys: Int) async throws -> ObjectListing {
        var query = [("list-type", "2"), ("max-keys", String(maxKeys)), ("prefix", prefix)]
        if let startAfter {
            let cursor = ListingCursor(bucket: bucket, prefix: prefix, lastKey: startAfter)
            if let token = continuations.withLock({ $0.removeValue(forKey: cursor) }) {
                query.append(("continuation-token", token))
            } else {
                query.append(("start-after", startAfter))
            }
        }
        let reply = try await send(.GET, pathSegments: [bucket], query: query, maxBytes: 64 * 1024 * 1024)
        let result = try S3XML.listBucketResult(reply)
        let listing = ObjectListing(objects: result.objects, isTruncated: result.isTruncated)
        if result.isTruncated, let token = result.nextContinuationToken, let last = result.objects.last?.key {
            continuations.withLock { $0[ListingCursor(bucket: bucket, prefix: prefix, lastKey: last)] = token }
        }
        return listing
    }

    public func readObject(bucket: String, key: String, maxBytes: Int) async throws -> [UInt8] {
        do {
            return try await send(.GET, pathSegments: Self.segments(bucket, key), maxBytes: maxBytes)
        } catch is NIOTooManyBytesError {
            throw StorageError.tooLarge(bucket: bucket, key: key, maxBytes: maxBytes)
        }
    }

    /// Sends a signed request; an answer that is not 2xx becomes the StorageError its S3 XML body describes.
    func send(
        _ method: HTTPMethod,
        pathSegments: [String],
        query: [(String, String)] = [],
        body: [UInt8] = [],
        headers: [(String, String)] = [],
        maxBytes: Int
    ) async throws -> [UInt8] {
        try await exchange(method, pathSegments: pathSegments, query: query, body: body, headers: headers, maxBytes: maxBytes).body
    }

    /// `send`, with the response headers.
    func exchange(
        _ method: HTTPMethod,
        pathSegments: [String],
        query: [(String, String)] = [],
        body: [UInt8] = [],
        headers: [(String, String)] = [],
        maxBytes: Int
    ) async throws -> (headers: HTTPHeaders, body: [UInt8]) {
        let rawPath = "/" + pathSegments.map { PercentEncoding.uriEncode($0) }.joined(separator: "/")
        let rawQuery = query.sorted { $0.0 < $1.0 }
            .map { PercentEncoding.uriEncode($0.0) + "=" + PercentEncoding.uriEncode($0.1) }
            .joined(separator: "&")
        guard let host = endpoint.host else {
            throw StorageError(code: "InvalidEndpoint", message: "The storage endpoint \(endpoint.absoluteString) has no host")
        }
        let authority = endpoint.port.map { "\(host):\($0)" } ?? host
        let signedHeaders = [("host", authority)] + headers.map { ($0.0.lowercased(), $0.1) }
        let signable = SignableRequest(method: method.rawValue, rawPath: rawPath, rawQuery: rawQuery, headers: signedHeaders)
        let signature = signer.signatureHeaders(for: signable, payloadSHA256: SignatureV4.sha256Hex(body), date: Date())

        var request = HTTPClientRequest(url: "\(endpoint.scheme ?? "http")://\(authority)\(rawPath)" + (rawQuery.isEmpty ? "" : "?" + rawQuery))
        request.method = method
        for (name, value) in headers + signature { request.headers.add(name: name, value: value) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        } catch {
            throw StorageError(code: "ServiceUnavailable", message: "Cannot reach the storage at \(endpoint.absoluteString): \(error)")
        }
        let status = Int(response.status.code)
        // An error body is small whatever the object: do not let a size limit meant for sidecars hide the error.
        var collected = try await response.body.collect(upTo: status < 300 ? maxBytes : 1024 * 1024)
        let responseBody = collected.readBytes(length: collected.readableBytes) ?? []
        guard status < 300 else { throw S3XML.storageError(status: status, body: responseBody) }
        return (response.headers, responseBody)
    }
}
