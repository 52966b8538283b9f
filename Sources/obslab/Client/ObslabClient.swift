import Foundation
import NIOHTTP1
import ObslabAPI
import S3Client

/// A signed client of a running obslab's S3 port: S3 calls through `s3`, and the admin API (`/-/admin/…`), whose JSON
/// documents are ObslabAPI's.
struct ObslabClient: Sendable {
    let s3: S3Client

    /// Calls the admin API and decodes its JSON answer; an error answer becomes a `CLIError` with the server's words.
    func admin<Result: Decodable>(
        _ method: HTTPMethod,
        _ path: [String],
        body: (some Encodable)? = Optional<[String: String]>.none,
        as type: Result.Type
    ) async throws -> Result {
        let payload = try body.map { Array(try AdminAPI.makeEncoder().encode($0)) } ?? []
        let headers: [(name: String, value: String)] = body == nil ? [] : [("content-type", "application/json")]
        let response = try await s3.execute(method, path: ["-", "admin"] + path, headers: headers, body: payload, maxBytes: 64 * 1024 * 1024)
        guard response.status < 300 else {
            if let error = try? AdminAPI.makeDecoder().decode(AdminAPI.ErrorBody.self, from: Data(response.body)) {
                throw CLIError("\(error.code): \(error.message)")
            }
            throw response.error
        }
        return try AdminAPI.makeDecoder().decode(Result.self, from: Data(response.body))
    }
}
