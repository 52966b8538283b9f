import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Labeling
import LabelingServer
import LabelingTestSupport
import Logging
import NIOCore
import ObslabAPI
import Testing

/// A `LabelingService` over memory buckets and a catalog in memory, behind the API.
struct APIFixture {
    static let token = "test-token"

    let storage = MemoryObjectStorage()
    let service: LabelingService
    let server: LabelingAPIServer

    init() throws {
        var logger = Logger(label: "labeling-api-tests")
        logger.logLevel = .critical
        service = LabelingService(catalog: try LabelingCatalog.inMemory(), storage: storage, logger: logger)
        server = LabelingAPIServer(service: service, configuration: LabelingAPIConfiguration(token: Self.token), logger: logger)
    }

    /// Runs `body` against the application's router, its background sync service running.
    func test(_ body: @Sendable (APIClient) async throws -> Void) async throws {
        try await server.application().test(.router) { client in
            try await body(APIClient(client: client))
        }
    }
}

/// Requests with the token and JSON bodies; answers decoded as JSON.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    struct Answer {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer

        /// The body as a JSON object.
        var json: [String: Any] {
            get throws {
                let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
                return try #require(object as? [String: Any], "not a JSON object: \(String(buffer: body))")
            }
        }

        func decode<Document: Decodable>(_ type: Document.Type) throws -> Document {
            try ModelArtsAPI.makeDecoder().decode(type, from: Data(body.readableBytesView))
        }

        /// The `error_code` of an error answer.
        var errorCode: String? {
            (try? decode(ModelArtsAPI.ErrorBody.self))?.errorCode
        }

        var errorMessage: String {
            (try? decode(ModelArtsAPI.ErrorBody.self))?.errorMessage ?? String(buffer: body)
        }
    }

    func send(
        _ method: HTTPRequest.Method,
        _ uri: String,
        json: String? = nil,
        token: String? = APIFixture.token,
        headers extra: HTTPFields = [:]
    ) async throws -> Answer {
        var headers = extra
        if let token { headers[HTTPField.Name("X-Auth-Token")!] = token }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return Answer(status: response.status, headers: response.headers, body: response.body)
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, body: some Encodable) async throws -> Answer {
        let data = try ModelArtsAPI.makeEncoder().encode(body)
        return try await send(method, uri, json: String(decoding: data, as: UTF8.self))
    }

    /// Creates a dataset and returns its id. Creating a dataset imports its input path (its first sync).
    func createDataset(_ name: String, type: Int, input: String, output: String = "/out/labels/", labels: String = "[]") async throws -> String {
        try await createDatasetImporting(name, type: type, input: input, output: output, labels: labels).id
    }

    /// Creates a dataset and returns its id and the import of its input path that the creation ran, as the task's
    /// status gives it.
    func createDatasetImporting(
        _ name: String,
        type: Int,
        input: String,
        output: String = "/out/labels/",
        labels: String = "[]"
    ) async throws -> (id: String, import: ModelArtsAPI.ImportTaskStatus) {
        let answer = try await send(
            .post,
            "/v2/p/datasets",
            json: """
                {"dataset_name": "\(name)", "dataset_type": \(type), "data_sources": [{"data_type": 0, "data_path": "\(input)"}],
                 "work_path": "\(output)", "work_path_type": 0, "labels": \(labels)}
                """
        )
        try #require(answer.status == .created, "\(answer.status): \(answer.errorMessage)")
        let created = try answer.decode(ModelArtsAPI.CreateDatasetResponse.self)
        let importId = try #require(created.importTaskId, "the creation names its import")
        let task = try await send(.get, "/v2/p/datasets/\(created.datasetId)/import-tasks/\(importId)")
        try #require(task.status == .ok, "\(task.status): \(task.errorMessage)")
        return (created.datasetId, try task.decode(ModelArtsAPI.ImportTaskStatus.self))
    }

    /// The status of the dataset's last sync, without starting one.
    func lastSync(_ datasetId: String) async throws -> ModelArtsAPI.SyncStatus {
        try await send(.get, "/v2/p/datasets/\(datasetId)/sync-data/status").decode(ModelArtsAPI.SyncStatus.self)
    }

    /// Starts a sync and waits until it ends; returns the final status.
    func sync(_ datasetId: String) async throws -> ModelArtsAPI.SyncStatus {
        let started = try await send(.post, "/v2/p/datasets/\(datasetId)/sync-data")
        try #require(started.status == .ok, "\(started.status): \(started.errorMessage)")
        for _ in 0..<500 {
            let status = try await send(.get, "/v2/p/datasets/\(datasetId)/sync-data/status").decode(ModelArtsAPI.SyncStatus.self)
            if status.status != ModelArtsAPI.SyncStatus.running { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("the sync of \(datasetId) did not end")
        throw CancellationError()
    }

    func samples(_ datasetId: String, query: String = "", job: String? = nil) async throws -> ModelArtsAPI.SampleList {
        let base = job.map { "/v2/p/datasets/\(datasetId)/workforce-tasks/\($0)" } ?? "/v2/p/datasets/\(datasetId)"
        let answer = try await send(.get, base + "/data-annotations/samples" + query)
        try #require(answer.status == .ok, "\(answer.status): \(answer.errorMessage)")
        return try answer.decode(ModelArtsAPI.SampleList.self)
    }
}
