import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import S3Protocol
import S3Server

/// A signed HTTP client of a running obslab: the admin API (`/-/admin/…`) and plain S3 calls.
struct ObslabClient: Sendable {
    let endpoint: URL
    let signer: RequestSigner

    init(endpoint: URL, accessKey: String, secretKey: String) {
        self.endpoint = endpoint
        self.signer = RequestSigner(accessKey: accessKey, secretKey: secretKey)
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// Sends a request signed with SigV4 (`headers` signed too); `pathSegments` are percent-encoded here, once.
    func send(
        _ method: HTTPMethod,
        pathSegments: [String],
        query: [(String, String)] = [],
        body: [UInt8] = [],
        contentType: String? = nil,
        headers extraHeaders: [(name: String, value: String)] = []
    ) async throws -> Reply {
        let rawPath = "/" + pathSegments.map { PercentEncoding.uriEncode($0) }.joined(separator: "/")
        let rawQuery = query.map { PercentEncoding.uriEncode($0.0) + "=" + PercentEncoding.uriEncode($0.1) }.joined(separator: "&")
        let authority = endpoint.port.map { "\(endpoint.host!):\($0)" } ?? endpoint.host!
        var headers: [(name: String, value: String)] = [("host", authority)]
        if let contentType { headers.append(("content-type", contentType)) }
        headers += extraHeaders.map { ($0.name.lowercased(), $0.value) }
        let signable = SignableRequest(method: method.rawValue, rawPath: rawPath, rawQuery: rawQuery, headers: headers)
        headers += signer.signatureHeaders(for: signable, payloadSHA256: SignatureV4.sha256Hex(body), date: Date())

        let base = "\(endpoint.scheme ?? "http")://\(authority)"
        var request = HTTPClientRequest(url: base + rawPath + (rawQuery.isEmpty ? "" : "?" + rawQuery))
        request.method = method
        for (name, value) in headers where name != "host" { request.headers.add(name: name, value: value) }
        if !body.isEmpty { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(300))
        } catch {
            throw CLIError("cannot reach obslab at \(endpoint.absoluteString) (\(error)); is `obslab serve` running?")
        }
        var collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let bytes = collected.readBytes(length: collected.readableBytes) ?? []
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: bytes)
    }

    /// Calls the admin API and decodes its JSON answer; an error answer becomes a `CLIError` with the server's words.
    func admin<Result: Decodable>(
        _ method: HTTPMethod,
        _ path: [String],
        body: (some Encodable)? = Optional<[String: String]>.none,
        as type: Result.Type
    ) async throws -> Result {
        let payload = try body.map { Array(try AdminAPI.makeEncoder().encode($0)) } ?? []
        let reply = try await send(method, pathSegments: ["-", "admin"] + path, body: payload, contentType: body == nil ? nil : "application/json")
        try reply.throwIfFailed()
        return try AdminAPI.makeDecoder().decode(Result.self, from: Data(reply.body))
    }
}

extension ObslabClient.Reply {
    /// Turns an error answer (admin JSON or S3 XML) into a `CLIError` naming the code and message.
    func throwIfFailed() throws {
        guard status >= 300 else { return }
        if let error = try? AdminAPI.makeDecoder().decode(AdminAPI.ErrorBody.self, from: Data(body)) {
            throw CLIError("\(error.code): \(error.message)")
        }
        let text = String(decoding: body, as: UTF8.self)
        let code = Self.element("Code", in: text) ?? "HTTP \(status)"
        let message = Self.element("Message", in: text) ?? text
        throw CLIError("\(code): \(message)")
    }

    private static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else {
            return nil
        }
        return String(xml[start.upperBound..<end.lowerBound])
    }
}
