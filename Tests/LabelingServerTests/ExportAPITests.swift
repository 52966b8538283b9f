import Foundation
import HTTPTypes
import LabelFormats
import Labeling
import LabelingServer
import LabelingTestSupport
import ObslabAPI
import Testing

/// `…/export-tasks` ("Creating a Dataset Export Task", "Querying the Status of a Dataset Export Task", "Querying the
/// Dataset Export Task List").
struct ExportAPITests {
    static let voc = """
        <annotation><object><name>cat</name><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox></object></annotation>
        """

    static func fixture() throws -> APIFixture {
        let fixture = try APIFixture()
        fixture.storage.put("b", "det/1.jpg", "one")
        fixture.storage.put("b", "det/1.xml", voc)
        fixture.storage.put("b", "det/2.jpg", "two")
        return fixture
    }

    /// The task's status, polled until it is over.
    static func finished(_ api: APIClient, _ datasetId: String, _ taskId: String) async throws -> ModelArtsAPI.ExportTaskStatus {
        for _ in 0..<500 {
            let task = try await api.send(.get, "/v2/p/datasets/\(datasetId)/export-tasks/\(taskId)")
            try #require(task.status == .ok, "\(task.status): \(task.errorMessage)")
            let status = try task.decode(ModelArtsAPI.ExportTaskStatus.self)
            if status.status != ModelArtsAPI.ExportTaskStatus.running { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("export \(taskId) did not end")
        throw CancellationError()
    }

    @Test func anExportRunsInTheBackgroundAndItsStatusAndTheListShowIt() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await api.createDataset("boxes", type: 1, input: "/b/det/")
            let created = try await api.send(.post, "/v2/p/datasets/\(id)/export-tasks", json: #"{"path": "/out/exp/", "export_type": 2}"#)
            try #require(created.status == .ok, "\(created.errorMessage)")
            let taskId = try created.decode(ModelArtsAPI.CreatedTask.self).taskId

            let task = try await Self.finished(api, id, taskId)
            #expect(task.status == "SUCCESSED" && task.progress == 100)
            #expect((task.totalSampleCount, task.finishedSampleCount, task.exportType) == (2, 2, 2))
            #expect(task.path == "/out/exp/" && task.manifestPath == "/out/exp/boxes.manifest")
            #expect(task.exportParams == ModelArtsAPI.ExportParams(clearHardProperty: true, exportDest: "DIR"))
            let manifest = try Manifest.parse(try #require(fixture.storage.bytes("out", "exp/boxes.manifest")))
            #expect(manifest.entries.map(\.source) == ["obs://b/det/1.jpg", "obs://b/det/2.jpg"])
            let voc = try PascalVOC.parse(try #require(fixture.storage.bytes("out", "exp/annotation/1.xml")))
            #expect(voc.annotations.map(\.name) == ["cat"])

            let listed = try await api.send(.get, "/v2/p/datasets/\(id)/export-tasks").decode(ModelArtsAPI.ExportTaskList.self)
            #expect(listed.totalCount == 1 && listed.exportTasks.map(\.taskId) == [taskId])
            let labeledOnly = try await api.send(.get, "/v2/p/datasets/\(id)/export-tasks?export_type=0").decode(ModelArtsAPI.ExportTaskList.self)
            #expect(labeledOnly.totalCount == 0)
        }
    }

    @Test(arguments: [
        (#"{}"#, "path"),
        (#"{"path": "/out/x/", "export_format": 2}"#, "export_format"),
        (#"{"path": "/out/x/", "export_type": 4}"#, "export_type"),
        (#"{"path": "/out/x/", "export_type": 1, "sample_state": "__ALL__"}"#, "sample_state"),
        (#"{"path": "/out/x/", "annotation_format": "COCO"}"#, "annotation_format"),
        (#"{"path": "/out/x/", "source_type_header": "ftp://"}"#, "source_type_header"),
        (#"{"path": "/out/x/", "export_params": {"export_dest": "NEW_DATASET"}}"#, "export_params.export_dest"),
        (#"{"path": "/out/x/", "export_params": {"train_sample_ratio": "0.8"}}"#, "export_params.train_sample_ratio"),
        (#"{"path": "/out/x/", "export_params": {"clear_hard_property": "yes"}}"#, "export_params.clear_hard_property"),
    ])
    func membersObslabCannotHonourAre400sNamingThem(_ json: String, _ field: String) async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await api.createDataset("refusals", type: 1, input: "/b/det/")
            let answer = try await api.send(.post, "/v2/p/datasets/\(id)/export-tasks", json: json)
            #expect(answer.status == .badRequest && answer.errorCode == "ModelArts.0104", "\(json): \(answer.status)")
            #expect(answer.errorMessage.contains(field), "\(json): \(answer.errorMessage)")
            let listed = try await api.send(.get, "/v2/p/datasets/\(id)/export-tasks").decode(ModelArtsAPI.ExportTaskList.self)
            #expect(listed.totalCount == 0)
        }
    }
}
