import Foundation
import HTTPTypes
import LabelFormats
import Labeling
import LabelingServer
import LabelingTestSupport
import ObslabAPI
import Testing

/// `POST …/data-annotations/samples` ("Add data") and `…/import-tasks`.
struct ImportAPITests {
    static let user: HTTPFields = [HTTPField.Name("X-Obslab-User")!: "alice"]

    static func fixture() throws -> APIFixture {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "one")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        return fixture
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func add(_ api: APIClient, _ datasetId: String, _ json: String, path: String? = nil) async throws -> APIClient.Answer {
        try await api.send(.post, path ?? "/v2/p/datasets/\(datasetId)/data-annotations/samples", json: json, headers: Self.user)
    }

    static func task(_ api: APIClient, _ datasetId: String, _ taskId: String) async throws -> ModelArtsAPI.ImportTaskStatus {
        let answer = try await api.send(.get, "/v2/p/datasets/\(datasetId)/import-tasks/\(taskId)")
        try #require(answer.status == .ok, "\(answer.errorMessage)")
        return try answer.decode(ModelArtsAPI.ImportTaskStatus.self)
    }

    @Test func addedFilesAreSamplesWithTheirLabelsAndATakenNameFailsAlone() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await api.createDataset("adds", type: 0, input: "/b/in/")
            _ = try await api.sync(id)

            let answer = try await Self.add(
                api,
                id,
                """
                {"samples": [
                  {"name": "2.jpg", "data": "\(Self.base64("two"))", "labels": [{"name": "bird", "type": 0}], "metadata": {"@modelarts:hard": "1"}},
                  {"name": "1.jpg", "data": "\(Self.base64("clash"))"},
                  {"name": "3.png", "data": "\(Self.base64("three"))", "sample_type": 0}
                ]}
                """
            )

            try #require(answer.status == .ok, "\(answer.errorMessage)")
            let body = try answer.decode(ModelArtsAPI.AddSamplesResponse.self)
            #expect(!body.success)
            #expect(body.results.map(\.name) == ["/b/in/2.jpg", "/b/in/1.jpg", "/b/in/3.png"])
            #expect(body.results.map(\.success) == [true, false, true])
            #expect(body.results[1].errorCode == "ModelArts.0103")
            #expect(body.results[1].errorMessage?.contains("already exists") == true)
            #expect(fixture.storage.bytes("b", "in/1.jpg") == Array("one".utf8))
            #expect(fixture.storage.bytes("b", "in/2.jpg") == Array("two".utf8))
            let sampleId = try #require(body.results[0].info)
            #expect(body.results[0].sampleIds == [sampleId])

            let shown = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/samples/\(sampleId)").decode(ModelArtsAPI.Sample.self)
            #expect(shown.source == "obs://b/in/2.jpg")
            #expect(shown.labels.map(\.name) == ["bird"])
            #expect(shown.labels.first?.annotatedBy == "alice")
            #expect(shown.metadata["@modelarts:hard"] == .number(1))
            #expect(shown.sampleStatus == "__ALL__")

            let task = try await Self.task(api, id, body.taskId)
            #expect(task.status == "COMPLETED" && task.importKind == "add" && task.importType == 0)
            #expect(task.importPath == "obs://b/in/")
            #expect((task.totalSampleCount, task.importedSampleCount, task.annotatedSampleCount, task.skippedSampleCount) == (3, 2, 1, 1))
            #expect(task.skippedSamples.first?.source == "1.jpg")
            #expect(task.author == "alice")
            #expect(task.dataSource.dataPath == "/b/in/")

            let status = try await api.sync(id)
            #expect((status.addSampleCount, status.deletedSampleCount, status.totalSampleCount) == (0, 0, 3))
        }
    }

    @Test func badAddRequestsAre400sAndWriteNothing() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, created) = try await api.createDatasetImporting("bad", type: 0, input: "/b/in/")
            let cases: [(String, String)] = [
                (#"{}"#, "samples"),
                (#"{"samples": []}"#, "samples"),
                (#"{"samples": [{"data": "eA=="}]}"#, "samples[0].name"),
                (#"{"samples": [{"name": "x.jpg"}]}"#, "samples[0].data"),
                (#"{"samples": [{"name": "x.jpg", "data": "not base64!"}]}"#, "samples[0].data"),
                (#"{"samples": [{"name": "x.jpg", "data": "eA==", "labels": [{"type": 0}]}]}"#, "samples[0].labels[0].name"),
                (#"{"samples": [{"name": "x.jpg", "data": "eA==", "labels": [{"name": "a", "type": 1}]}]}"#, "samples[0].labels[0].type"),
                (#"{"samples": [{"name": "x.jpg", "data": "eA==", "metadata": {"@modelarts:hard": "maybe"}}]}"#, "@modelarts:hard"),
                (#"{"samples": [{"name": "x.jpg", "data": "eA==", "encoding": "GBK"}]}"#, "samples[0].encoding"),
                (#"{"final_annotation": false, "samples": [{"name": "x.jpg", "data": "eA=="}]}"#, "final_annotation"),
                (#"{"samples": "x.jpg"}"#, "samples"),
            ]
            for (json, mention) in cases {
                let answer = try await Self.add(api, id, json)
                #expect(answer.status == .badRequest, "\(json): \(answer.status)")
                #expect(answer.errorMessage.contains(mention), "\(json): \(answer.errorMessage)")
            }
            let badUser = try await api.send(
                .post,
                "/v2/p/datasets/\(id)/data-annotations/samples",
                json: #"{"samples": [{"name": "x.jpg", "data": "eA=="}]}"#,
                headers: [HTTPField.Name("X-Obslab-User")!: String(repeating: "u", count: 65)]
            )
            #expect(badUser.status == .badRequest)
            #expect(fixture.storage.bytes("b", "in/x.jpg") == nil)
            // The history holds the creation's import alone.
            let history = try await api.send(.get, "/v2/p/datasets/\(id)/import-tasks").decode(ModelArtsAPI.ImportTaskList.self)
            #expect(history.importTasks.map(\.taskId) == [created.taskId])
        }
    }

    @Test func addingThroughAWorkforceTaskReachesTheJob() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await api.createDataset("jobs", type: 0, input: "/b/in/")
            let created = try await api.send(.post, "/v2/p/datasets/\(id)/workforce-tasks", json: #"{"task_name": "review"}"#)
            let taskId = try #require(try created.json["task_id"] as? String)
            let path = "/v2/p/datasets/\(id)/workforce-tasks/\(taskId)/data-annotations/samples"

            let answer = try await Self.add(api, id, #"{"samples": [{"name": "9.jpg", "data": "eA==", "labels": [{"name": "cat"}]}]}"#, path: path)

            try #require(answer.status == .ok, "\(answer.errorMessage)")
            #expect(try answer.decode(ModelArtsAPI.AddSamplesResponse.self).success)
            // Beside 1.jpg, which the creation imported.
            #expect(try await api.samples(id, query: "?limit=100", job: taskId).samples.map(\.source) == ["obs://b/in/1.jpg", "obs://b/in/9.jpg"])
            #expect(try await api.samples(id, query: "?limit=100").sampleCount == 2)

            let unknown = "/v2/p/datasets/\(id)/workforce-tasks/0123456789abcdef0123456789abcdef/data-annotations/samples"
            let missing = try await Self.add(api, id, #"{"samples": [{"name": "10.jpg", "data": "eA=="}]}"#, path: unknown)
            #expect(missing.status == .notFound)
            #expect(fixture.storage.bytes("b", "in/10.jpg") == nil)
        }
    }

    @Test func folderAndManifestImportsAndTheirHistory() async throws {
        let fixture = try Self.fixture()
        fixture.storage.put("b", "in/3.jpg", "three")
        fixture.storage.put("b", "elsewhere/4.jpg", "four")
        fixture.storage.put(
            "b",
            "out/import.manifest",
            """
            {"source":"obs://b/in/3.jpg","hard":true,"annotation":[{"type":"modelarts/image_classification","name":"owl"}]}
            {"source":"obs://b/elsewhere/4.jpg","annotation":[{"type":"modelarts/image_classification","name":"owl"}]}
            """
        )
        try await fixture.test { api in
            let (id, created) = try await api.createDatasetImporting("imports", type: 0, input: "/b/in/")
            #expect((created.totalSampleCount, created.importedSampleCount, created.annotatedSampleCount) == (2, 2, 1))
            let base = "/v2/p/datasets/\(id)/import-tasks"
            // A file uploaded after the creation's import: the folder import takes it in.
            fixture.storage.put("b", "in/sub/2.jpg", "two")

            let folder = try await api.send(.post, base, json: #"{"import_type": "dir", "import_path": "/b/in/sub/"}"#, headers: Self.user)
            try #require(folder.status == .ok, "\(folder.errorMessage)")
            let folderTask = try await Self.task(api, id, try folder.decode(ModelArtsAPI.CreatedTask.self).taskId)
            #expect(folderTask.status == "COMPLETED" && folderTask.importKind == "folder" && folderTask.importType == 0)
            #expect(folderTask.importPath == "obs://b/in/sub/")
            #expect((folderTask.totalSampleCount, folderTask.importedSampleCount, folderTask.annotatedSampleCount) == (1, 1, 1))

            let manifest = try await api.send(
                .post,
                base,
                json: #"{"import_type": "manifest", "import_path": "s3://b/out/import.manifest", "included_labels": ["owl"]}"#
            )
            try #require(manifest.status == .ok, "\(manifest.errorMessage)")
            let manifestTask = try await Self.task(api, id, try manifest.decode(ModelArtsAPI.CreatedTask.self).taskId)
            #expect(manifestTask.status == "COMPLETED" && manifestTask.importKind == "manifest" && manifestTask.importType == 1)
            #expect(manifestTask.importPath == "obs://b/out/import.manifest")
            #expect((manifestTask.totalSampleCount, manifestTask.importedSampleCount, manifestTask.skippedSampleCount) == (2, 1, 1))
            #expect(manifestTask.skippedSamples.first?.source == "obs://b/elsewhere/4.jpg")
            #expect(manifestTask.skippedSamples.first?.reason.contains("outside the dataset's input path") == true)
            #expect(manifestTask.author == "obslab")
            let owls = try await api.samples(id, query: "?label_name=owl")
            #expect(owls.samples.map(\.source) == ["obs://b/in/3.jpg"])
            #expect(owls.samples.first?.metadata["@modelarts:hard"] == .number(1))
            #expect(owls.samples.first?.labelSource == ModelArtsAPI.LabelSource(type: "manifest", key: "out/import.manifest"))

            let listed = try await api.send(.get, base + "?limit=1").decode(ModelArtsAPI.ImportTaskList.self)
            #expect(listed.totalCount == 3)
            #expect(listed.importTasks.map(\.taskId) == [manifestTask.taskId])
            let second = try await api.send(.get, base + "?offset=1&limit=10").decode(ModelArtsAPI.ImportTaskList.self)
            #expect(second.importTasks.map(\.taskId) == [folderTask.taskId, created.taskId])

            let failed = try await api.send(.post, base, json: #"{"import_path": "obs://b/out/none.manifest"}"#)
            try #require(failed.status == .ok, "\(failed.errorMessage)")
            let failedTask = try await Self.task(api, id, try failed.decode(ModelArtsAPI.CreatedTask.self).taskId)
            #expect(failedTask.status == "FAILED")
            #expect(failedTask.errorCode == "ModelArts.4363")
            #expect(failedTask.errorMessage?.contains("NoSuchKey") == true)
        }
    }

    @Test func badImportRequestsAre400sAndUnknownTasks404s() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, created) = try await api.createDatasetImporting("bad-imports", type: 0, input: "/b/in/")
            let base = "/v2/p/datasets/\(id)/import-tasks"
            let cases: [(String, String)] = [
                (#"{}"#, "import_path"),
                (#"{"import_path": "b/in/"}"#, "import_path"),
                (#"{"import_path": "/b/elsewhere/"}"#, "inside the dataset's input path"),
                (#"{"import_path": "/b/in/", "import_type": "table"}"#, "import_type"),
                (#"{"import_path": "/b/in/", "import_origin": "inference"}"#, "import_origin"),
                (#"{"import_path": "/b/in/", "import_folder": "copy"}"#, "import_folder"),
                (#"{"import_path": "/b/in/", "data_source": {"data_type": 6}}"#, "data_source.data_type"),
                (#"{"import_path": "/b/in/", "import_samples": false}"#, "import_samples"),
                (#"{"import_path": "/b/in/", "included_labels": [{"type": 0}]}"#, "included_labels[0].name"),
                (#"{"import_path": "/b/in/", "import_type": "manifest"}"#, "names no object"),
            ]
            for (json, mention) in cases {
                let answer = try await api.send(.post, base, json: json)
                #expect(answer.status == .badRequest, "\(json): \(answer.status)")
                #expect(answer.errorMessage.contains(mention), "\(json): \(answer.errorMessage)")
            }
            #expect(try await api.send(.get, base).decode(ModelArtsAPI.ImportTaskList.self).importTasks.map(\.taskId) == [created.taskId])

            let unknown = try await api.send(.get, base + "/0123456789abcdef0123456789abcdef")
            #expect(unknown.status == .notFound && unknown.errorCode == "ModelArts.0102")
            let noDataset = try await api.send(.get, "/v2/p/datasets/0123456789abcdef0123456789abcdef/import-tasks")
            #expect(noDataset.status == .notFound && noDataset.errorCode == "ModelArts.4352")
            let wrongMethod = try await api.send(.delete, base)
            #expect(wrongMethod.status == .methodNotAllowed)
        }
    }
}
