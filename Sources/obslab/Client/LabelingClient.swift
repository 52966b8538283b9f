import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ObslabAPI
import S3Protocol

/// A client of the ModelArts-style API of a running obslab (or of anything speaking that API).
struct LabelingClient: Sendable {
    let endpoint: URL
    let token: String
    let project: String

    /// Sends a request under `/v2/{project}/` and decodes the JSON answer; an error answer becomes a `CLIError`.
    func call<Result: Decodable>(
        _ method: HTTPMethod,
        _ path: [String],
        query: [(String, String)] = [],
        body: (some Encodable)? = Optional<[String: String]>.none,
        headers: [(String, String)] = [],
        as type: Result.Type
    ) async throws -> Result {
        let bytes = try await send(method, path, query: query, body: body, headers: headers)
        do {
            return try ModelArtsAPI.makeDecoder().decode(Result.self, from: Data(bytes))
        } catch {
            throw CLIError("unexpected answer from \(endpoint.absoluteString): \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
    }

    /// Sends a request and returns the body of a successful answer.
    @discardableResult
    func send(
        _ method: HTTPMethod,
        _ path: [String],
        query: [(String, String)] = [],
        body: (some Encodable)? = Optional<[String: String]>.none,
        headers: [(String, String)] = []
    ) async throws -> [UInt8] {
        let rawPath = "/" + (["v2", project] + path).map { PercentEncoding.uriEncode($0) }.joined(separator: "/")
        let rawQuery = query.map { PercentEncoding.uriEncode($0.0) + "=" + PercentEncoding.uriEncode($0.1) }.joined(separator: "&")
        let base = endpoint.absoluteString.hasSuffix("/") ? String(endpoint.absoluteString.dropLast()) : endpoint.absoluteString
        var request = HTTPClientRequest(url: base + rawPath + (rawQuery.isEmpty ? "" : "?" + rawQuery))
        request.method = method
        request.headers.add(name: ModelArtsAPI.tokenHeader, value: token)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try ModelArtsAPI.makeEncoder().encode(body)))
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        } catch {
            throw CLIError("cannot reach the obslab API at \(endpoint.absoluteString) (\(error)); is `obslab serve` running?")
        }
        var collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let bytes = collected.readBytes(length: collected.readableBytes) ?? []
        guard response.status.code < 300 else {
            if let error = try? ModelArtsAPI.makeDecoder().decode(ModelArtsAPI.ErrorBody.self, from: Data(bytes)) {
                throw CLIError("\(error.errorCode): \(error.errorMessage)")
            }
            throw CLIError("HTTP \(response.status.code) from \(endpoint.absoluteString): \(String(decoding: bytes.prefix(300), as: UTF8.self))")
        }
        return bytes
    }

    /// A dataset by id or by name: an id is tried first, then the list is searched for the name.
    func dataset(_ reference: String) async throws -> ModelArtsAPI.Dataset {
        if let dataset = try? await call(.GET, ["datasets", reference], as: ModelArtsAPI.Dataset.self) {
            return dataset
        }
        var offset = 0
        while true {
            let page = try await call(
                .GET,
                ["datasets"],
                query: [("offset", "\(offset)"), ("limit", "100"), ("with_labels", "true")],
                as: ModelArtsAPI.DatasetList.self
            )
            if let dataset = page.datasets.first(where: { $0.datasetName == reference || $0.datasetId == reference }) {
                return dataset
            }
            offset += page.datasets.count
            if page.datasets.isEmpty || offset >= page.totalNumber {
                throw CLIError("no dataset named \(reference) (`obslab dataset list` lists them)")
            }
        }
    }

    /// A labeling job of a dataset by id or name.
    func job(_ reference: String, datasetId: String) async throws -> ModelArtsAPI.WorkforceTask {
        let jobs = try await call(
            .GET, ["datasets", datasetId, "workforce-tasks"], query: [("with_default", "true")], as: ModelArtsAPI.WorkforceTaskList.self
        ).tasks
        guard let job = jobs.first(where: { $0.taskId == reference }) ?? jobs.first(where: { $0.taskName == reference }) else {
            throw CLIError("the dataset has no labeling job \(reference) (`obslab job list` lists them)")
        }
        return job
    }
}
