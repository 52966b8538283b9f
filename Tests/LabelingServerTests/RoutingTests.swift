import HTTPTypes
import LabelingServer
import LabelingTestSupport
import Testing

/// Authentication, unknown paths and methods, and the shape of every error.
struct RoutingTests {
    @Test func requestWithoutTokenIsRefused() async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.get, "/v2/p/datasets", token: nil)
            #expect(answer.status == .unauthorized)
            #expect(answer.headers[.contentType] == "application/json")
            #expect(answer.errorCode == "ModelArts.0101")
            #expect(answer.errorMessage.contains("X-Auth-Token"))
        }
    }

    @Test func requestWithAnotherTokenIsRefused() async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.get, "/v2/p/datasets", token: "test-tokem")
            #expect(answer.status == .unauthorized)
            #expect(answer.errorCode == "ModelArts.0101")
        }
    }

    /// The token is checked before anything else: without it, even an unknown path answers 401.
    @Test func unknownPathWithoutTokenIsRefused() async throws {
        try await APIFixture().test { api in
            let unknown = try await api.send(.get, "/v2/p/nothing", token: nil)
            #expect(unknown.status == .unauthorized)
        }
    }

    @Test func unknownPathIsNotFound() async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.get, "/v2/p/notebooks")
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "ModelArts.0102")
            #expect(answer.headers[.contentType] == "application/json")
        }
    }

    @Test func knownPathWithAnotherMethodIsNotAllowed() async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.put, "/v2/p/datasets")
            #expect(answer.status == .methodNotAllowed)
            #expect(answer.errorCode == "ModelArts.0105")
            #expect(answer.headers[.allow] == "GET, POST")

            let sync = try await api.send(.get, "/v2/p/datasets/0123/sync-data")
            #expect(sync.status == .methodNotAllowed)
            #expect(sync.headers[.allow] == "POST")
        }
    }

    @Test(arguments: [
        "/v2/p/datasets/00000000000000000000000000000000",
        "/v2/p/datasets/00000000000000000000000000000000/sync-data/status",
        "/v2/p/datasets/00000000000000000000000000000000/data-annotations/samples",
        "/v2/p/datasets/00000000000000000000000000000000/data-annotations/labels",
    ])
    func unknownDatasetIsNotFound(path: String) async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.get, path)
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "ModelArts.4352")
        }
    }

    @Test func syncOfUnknownDatasetIsNotFound() async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.post, "/v2/p/datasets/00000000000000000000000000000000/sync-data")
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "ModelArts.4352")
        }
    }

    /// A bad creation request names the field at fault.
    @Test(arguments: [
        (#"{"dataset_type": 0, "data_sources": [{"data_path": "/b/in/"}], "work_path": "/b/out/"}"#, "dataset_name"),
        (#"{"dataset_name": "d", "data_sources": [{"data_path": "/b/in/"}], "work_path": "/b/out/"}"#, "dataset_type"),
        (#"{"dataset_name": "d", "dataset_type": "zero", "data_sources": [{"data_path": "/b/in/"}], "work_path": "/b/out/"}"#, "dataset_type"),
        (#"{"dataset_name": "d", "dataset_type": 3, "data_sources": [{"data_path": "/b/in/"}], "work_path": "/b/out/"}"#, "dataset_type"),
        (#"{"dataset_name": "d", "dataset_type": 0, "work_path": "/b/out/"}"#, "data_sources"),
        (#"{"dataset_name": "d", "dataset_type": 0, "data_sources": [{"data_type": 0}], "work_path": "/b/out/"}"#, "data_sources[0].data_path"),
        (#"{"dataset_name": "d", "dataset_type": 0, "data_sources": [{"data_path": 7}], "work_path": "/b/out/"}"#, "data_sources[0].data_path"),
        (#"{"dataset_name": "d", "dataset_type": 0, "data_sources": [{"data_path": "b/in"}], "work_path": "/b/out/"}"#, "data_sources[0].data_path"),
        (#"{"dataset_name": "d", "dataset_type": 0, "data_sources": [{"data_path": "/b/in/"}]}"#, "work_path"),
        (
            #"{"dataset_name": "d", "dataset_type": 0, "data_sources": [{"data_path": "/b/in/"}], "work_path": "/b/out/", "labels": [{"type": 0}]}"#,
            "labels[0].name"
        ),
        (
            #"{"dataset_name": "d", "dataset_type": 0, "data_sources": [{"data_path": "/b/in/"}], "work_path": "/b/out/", "#
                + #""labels": [{"name": "cat", "property": {"@modelarts:color": "red"}}]}"#,
            "labels[0].property.@modelarts:color"
        ),
        (#"{"dataset_name": "d", "#, "body"),
        ("", "body"),
    ])
    func badDatasetCreationNamesTheField(body: String, field: String) async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.post, "/v2/p/datasets", json: body)
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "ModelArts.0104")
            #expect(answer.errorMessage.hasPrefix("Invalid parameter \(field):"), "\(answer.errorMessage)")
        }
    }

    @Test(arguments: [
        ("?limit=0", "limit"), ("?limit=101", "limit"), ("?limit=ten", "limit"), ("?offset=-1", "offset"),
        ("?sample_state=__UNCHECK__", "sample_state"),
    ])
    func badSampleQueryNamesTheParameter(query: String, parameter: String) async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg")
        try await fixture.test { api in
            let id = try await api.createDataset("d", type: 0, input: "/b/in/")
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/samples\(query)")
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "ModelArts.0104")
            #expect(answer.errorMessage.hasPrefix("Invalid parameter \(parameter):"), "\(answer.errorMessage)")
        }
    }

    @Test func datasetListLimitIsBounded() async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.get, "/v2/p/datasets?limit=1000")
            #expect(answer.status == .badRequest)
            #expect(answer.errorMessage.hasPrefix("Invalid parameter limit:"))
        }
    }
}
