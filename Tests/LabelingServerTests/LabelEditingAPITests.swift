import Foundation
import HTTPTypes
import LabelFormats
import Labeling
import LabelingServer
import LabelingTestSupport
import NIOCore
import ObslabAPI
import Testing

/// Editing sample labels and the label set through the API: `PUT …/samples`, `PUT …/labels[/{name}]`,
/// `POST …/labels/delete` and `DELETE …/labels/{name}`.
struct LabelEditingAPITests {
    static let user = HTTPFields([HTTPField(name: HTTPField.Name("X-Obslab-User")!, value: "alice")])

    /// `in/1.jpg` labeled cat, `in/2.jpg` unlabeled, `in/3.jpg` labeled cat and dog.
    static func fixture() throws -> APIFixture {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg one")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        fixture.storage.put("b", "in/2.jpg", "jpeg two")
        fixture.storage.put("b", "in/3.jpg", "jpeg three")
        fixture.storage.put("b", "in/3.txt", "cat\ndog\n")
        return fixture
    }

    /// A synced image classification dataset over `/b/in/`, and its sample ids by file name.
    static func pets(_ api: APIClient, name: String = "pets") async throws -> (String, [String: String]) {
        let id = try await api.createDataset(name, type: 0, input: "/b/in/")
        _ = try await api.sync(id)
        return (id, try await ids(api, id))
    }

    static func ids(_ api: APIClient, _ datasetId: String) async throws -> [String: String] {
        let samples = try await api.samples(datasetId, query: "?limit=100").samples
        return Dictionary(uniqueKeysWithValues: samples.map { ($0.sampleName, $0.sampleId) })
    }

    static func sample(_ api: APIClient, _ datasetId: String, _ sampleId: String, job: String? = nil) async throws -> ModelArtsAPI.Sample {
        let base = job.map { "/v2/p/datasets/\(datasetId)/workforce-tasks/\($0)" } ?? "/v2/p/datasets/\(datasetId)"
        let answer = try await api.send(.get, base + "/data-annotations/samples/\(sampleId)")
        try #require(answer.status == .ok, "\(answer.status): \(answer.errorMessage)")
        return try answer.decode(ModelArtsAPI.Sample.self)
    }

    static func labels(_ api: APIClient, _ datasetId: String) async throws -> [String: ModelArtsAPI.Label] {
        let list = try await api.send(.get, "/v2/p/datasets/\(datasetId)/data-annotations/labels").decode(ModelArtsAPI.LabelList.self)
        return Dictionary(uniqueKeysWithValues: list.labels.map { ($0.name ?? "", $0) })
    }

    @Test func samplesGetNewLabelsWithTheirAuthorAndAnUnknownSampleFailsAlone() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, samples) = try await Self.pets(api)
            let one = try #require(samples["1.jpg"])
            let two = try #require(samples["2.jpg"])
            let answer = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/data-annotations/samples",
                json: """
                    {"samples": [
                        {"sample_id": "\(two)", "labels": [{"name": "bird", "type": 0, "property": {"@modelarts:color": "#112233"}}]},
                        {"sample_id": "0123456789abcdef0123456789abcdef", "labels": [{"name": "ghost"}]},
                        {"sample_id": "\(one)", "labels": []}
                    ]}
                    """,
                headers: Self.user
            )
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let body = try answer.decode(ModelArtsAPI.UpdateSamplesResponse.self)
            #expect(!body.success)
            #expect(body.results.map(\.success) == [true, false, true])
            #expect(body.results[1].errorCode == "ModelArts.0102")

            let labeled = try await Self.sample(api, id, two)
            #expect(labeled.sampleStatus == ModelArtsAPI.SampleState.labeled)
            #expect(labeled.labels.map(\.name) == ["bird"])
            #expect(labeled.labels.first?.annotatedBy == "alice")
            #expect(labeled.labels.first?.property?[ModelArtsAPI.PropertyKey.color] == .string("#112233"))
            #expect(labeled.unlabeledReason == nil)
            let cleared = try await Self.sample(api, id, one)
            #expect(cleared.sampleStatus == ModelArtsAPI.SampleState.unlabeled)
            #expect(cleared.labels.isEmpty && cleared.labelSource == nil)
            #expect(cleared.unlabeledReason?.code == "labels_cleared")
            #expect(try await Self.labels(api, id)["bird"]?.sampleCount == 1)
            #expect(try await Self.labels(api, id)["ghost"] == nil)

            // Without the header the author is obslab.
            let anonymous = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/data-annotations/samples",
                json: #"{"samples": [{"sample_id": "\#(one)", "labels": [{"name": "dog"}]}]}"#
            )
            #expect(try anonymous.decode(ModelArtsAPI.UpdateSamplesResponse.self).success)
            #expect(try await Self.sample(api, id, one).labels.first?.annotatedBy == "obslab")
        }
    }

    @Test(arguments: [
        (#"{}"#, "samples"),
        (#"{"samples": []}"#, "samples"),
        (#"{"samples": [{"labels": []}]}"#, "samples[0].sample_id"),
        (#"{"samples": [{"sample_id": "x", "labels": [{"type": 0}]}]}"#, "samples[0].labels[0].name"),
        (#"{"samples": [{"sample_id": "x", "labels": [{"name": "cat", "type": 1}]}]}"#, "samples[0].labels[0].type"),
        (#"{"samples": [{"sample_id": "x", "labels": "cat"}]}"#, "samples[0].labels"),
        (#"{"samples": [{"sample_id": "x", "labels": [{"name": "cat", "property": {"@modelarts:color": "red"}}]}]}"#, "color"),
        (#"{"samples": [{"sample_id": "x", "labels": [{"name": "cat", "property": {"@modelarts:shape": "bndbox"}}]}]}"#, "@modelarts:feature"),
    ])
    func badSampleUpdatesNameTheField(body: String, field: String) async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, _) = try await Self.pets(api)
            let answer = try await api.send(.put, "/v2/p/datasets/\(id)/data-annotations/samples", json: body)
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "ModelArts.0104")
            #expect(answer.errorMessage.contains(field), "\(answer.errorMessage)")
        }
    }

    @Test func aBadAuthorIsRefused() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, samples) = try await Self.pets(api)
            let answer = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/data-annotations/samples",
                json: #"{"samples": [{"sample_id": "\#(samples["1.jpg"]!)"}]}"#,
                headers: HTTPFields([HTTPField(name: HTTPField.Name("X-Obslab-User")!, value: String(repeating: "x", count: 65))])
            )
            #expect(answer.status == .badRequest)
            #expect(answer.errorMessage.contains("author"))
            #expect(try await Self.sample(api, id, samples["1.jpg"]!).labels.map(\.name) == ["cat"])
        }
    }

    /// Labels read from a detection sample and written back leave it as it was; a moved box is stored as given.
    @Test func detectionLabelsRoundTripWithTheirShapes() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "det/1.jpg", "jpeg")
        fixture.storage.put(
            "b",
            "det/1.xml",
            """
            <annotation><object><name>cat</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>50</xmax><ymax>60</ymax></bndbox></object>
            <object><name>dog</name><polygon><x1>1</x1><y1>2</y1><x2>30</x2><y2>2</y2><x3>30</x3><y3>40</y3></polygon></object></annotation>
            """
        )
        try await fixture.test { api in
            let id = try await api.createDataset("boxes", type: 1, input: "/b/det/")
            _ = try await api.sync(id)
            let sampleId = try #require(try await Self.ids(api, id)["1.jpg"])
            let before = try await Self.sample(api, id, sampleId)
            #expect(before.labels.map { $0.property?[ModelArtsAPI.PropertyKey.shape] } == [.string("bndbox"), .string("polygon")])

            let same = ModelArtsAPI.UpdateSamples(samples: [ModelArtsAPI.SampleLabels(sampleId: sampleId, labels: before.labels)])
            #expect(try await api.send(.put, "/v2/p/datasets/\(id)/data-annotations/samples", body: same).status == .ok)
            let unchanged = try await Self.sample(api, id, sampleId)
            #expect(unchanged.labels == before.labels)

            var moved = before.labels
            moved[0].property?[ModelArtsAPI.PropertyKey.feature] = JSONValue(numberRows: [[0, 10], [50, 95]])
            moved[1].property?[ModelArtsAPI.PropertyKey.shape] = .string("circle")
            moved[1].property?[ModelArtsAPI.PropertyKey.feature] = JSONValue(numberRows: [[100, 100], [50]])
            let update = ModelArtsAPI.UpdateSamples(samples: [ModelArtsAPI.SampleLabels(sampleId: sampleId, labels: moved)])
            #expect(try await api.send(.put, "/v2/p/datasets/\(id)/data-annotations/samples", body: update).status == .ok)
            let after = try await Self.sample(api, id, sampleId)
            #expect(
                after.labels.map { $0.property?[ModelArtsAPI.PropertyKey.feature] } == [
                    JSONValue(numberRows: [[0, 10], [50, 95]]), JSONValue(numberRows: [[100, 100], [50]]),
                ])
            #expect(after.labels.map { $0.property?[ModelArtsAPI.PropertyKey.shape] } == [.string("bndbox"), .string("circle")])

            let bad = [
                (#""@modelarts:shape": "bndbox", "@modelarts:feature": [[50, 95], [0, 10]]"#, "upper left"),
                (#""@modelarts:shape": "bndbox", "@modelarts:feature": [[-1, 5], [10, 10]]"#, "negative"),
                (#""@modelarts:shape": "bndbox", "@modelarts:feature": [[1, 5]]"#, "does not describe"),
                (##""@modelarts:shape": "bndbox", "@modelarts:feature": "1,2""##, "list of points"),
                (#""@modelarts:feature": [[1, 5], [10, 10]]"#, "@modelarts:shape: is missing"),
                (##""@modelarts:color": "#ff0000""##, "has no shape"),
            ]
            for (property, message) in bad {
                let answer = try await api.send(
                    .put,
                    "/v2/p/datasets/\(id)/data-annotations/samples",
                    json: #"{"samples": [{"sample_id": "\#(sampleId)", "labels": [{"name": "cat", "property": {\#(property)}}]}]}"#
                )
                #expect(answer.status == .badRequest, "\(property)")
                #expect(answer.errorMessage.contains(message), "\(answer.errorMessage)")
            }
            #expect(try await Self.sample(api, id, sampleId).labels == after.labels)
        }
    }

    @Test func aWorkforceTaskHasItsOwnLabels() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, samples) = try await Self.pets(api)
            let created = try await api.send(.post, "/v2/p/datasets/\(id)/workforce-tasks", json: #"{"task_name": "team"}"#)
            let task = try created.decode(ModelArtsAPI.CreatedTask.self).taskId
            let two = try #require(samples["2.jpg"])

            let answer = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/workforce-tasks/\(task)/data-annotations/samples",
                json: #"{"samples": [{"sample_id": "\#(two)", "labels": [{"name": "tulips"}]}]}"#,
                headers: Self.user
            )
            #expect(try answer.decode(ModelArtsAPI.UpdateSamplesResponse.self).success)
            let inTask = try await Self.sample(api, id, two, job: task)
            #expect(inTask.labels.map(\.name) == ["tulips"])
            #expect(inTask.labels.first?.annotatedBy == "alice")
            #expect(try await Self.sample(api, id, two).labels.isEmpty)
            #expect(try await api.samples(id, query: "?sample_state=__ALL__", job: task).sampleCount == 3)
            #expect(try await api.samples(id, query: "?sample_state=__ALL__").sampleCount == 2)

            let unknown = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/workforce-tasks/0123456789abcdef0123456789abcdef/data-annotations/samples",
                json: #"{"samples": [{"sample_id": "\#(two)"}]}"#
            )
            #expect(unknown.status == .notFound)
        }
    }

    @Test func labelsAreRenamedAndRecoloredInBatchesAndByName() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, samples) = try await Self.pets(api)
            let batch = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/data-annotations/labels",
                json: ##"{"labels": [{"name": "cat", "property": {"@modelarts:color": "#8a1524", "@modelarts:rename_to": "pussycat"}}]}"##,
                headers: Self.user
            )
            #expect(batch.status == .ok, "\(batch.errorMessage)")
            #expect(try batch.json["success"] as? Bool == true)
            let labels = try await Self.labels(api, id)
            #expect(Set(labels.keys) == ["pussycat", "dog"])
            #expect(labels["pussycat"]?.property?[ModelArtsAPI.PropertyKey.color] == .string("#8a1524"))
            #expect(labels["pussycat"]?.sampleCount == 2)
            let three = try await Self.sample(api, id, samples["3.jpg"]!)
            #expect(three.labels.map(\.name) == ["pussycat", "dog"])
            #expect(three.labels.first?.annotatedBy == "alice")
            #expect(three.labels.first?.property?[ModelArtsAPI.PropertyKey.color] == .string("#8a1524"))

            // By name, percent-encoded: a 204 without a body.
            let renamed = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/data-annotations/labels/pussycat",
                json: ##"{"@modelarts:rename_to": "草莓", "@modelarts:color": "#93c47d"}"##
            )
            #expect(renamed.status == .noContent, "\(renamed.errorMessage)")
            #expect(renamed.body.readableBytes == 0)
            let recolored = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/data-annotations/labels/%E8%8D%89%E8%8E%93",
                json: ##"{"@modelarts:color": "#000000"}"##
            )
            #expect(recolored.status == .noContent, "\(recolored.errorMessage)")
            let after = try await Self.labels(api, id)
            #expect(after["草莓"]?.property?[ModelArtsAPI.PropertyKey.color] == .string("#000000"))
            #expect(try await Self.sample(api, id, samples["1.jpg"]!).labels.map(\.name) == ["草莓"])

            let conflict = try await api.send(.put, "/v2/p/datasets/\(id)/data-annotations/labels/dog", json: #"{"@modelarts:rename_to": "草莓"}"#)
            #expect(conflict.status == .conflict)
            #expect(conflict.errorCode == "ModelArts.0103")
            let unknown = try await api.send(.put, "/v2/p/datasets/\(id)/data-annotations/labels/emu", json: ##"{"@modelarts:color": "#000000"}"##)
            #expect(unknown.status == .notFound)
            let badColor = try await api.send(.put, "/v2/p/datasets/\(id)/data-annotations/labels/dog", json: #"{"@modelarts:color": 7}"#)
            #expect(badColor.status == .badRequest)
            #expect(badColor.errorMessage.contains("@modelarts:color"))
            let noName = try await api.send(.put, "/v2/p/datasets/\(id)/data-annotations/labels", json: #"{"labels": [{"property": {}}]}"#)
            #expect(noName.status == .badRequest && noName.errorMessage.contains("labels[0].name"))
        }
    }

    @Test func policyOneAndTwoDeleteSamplesAndAnswerTheImpact() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, samples) = try await Self.pets(api)
            let (otherId, otherSamples) = try await Self.pets(api, name: "others")
            let one = try #require(samples["1.jpg"])
            let path = "/v2/p/datasets/\(id)/data-annotations/labels/delete"

            let dry = try await api.send(.post, path + "?delete_policy=2&dry_run=true", json: #"{"labels": [{"name": "cat"}]}"#)
            #expect(dry.status == .ok, "\(dry.errorMessage)")
            let plan = try dry.decode(ModelArtsAPI.LabelDeletion.self)
            #expect(plan.dryRun && plan.deletePolicy == 2)
            #expect(plan.sampleIds == [one])
            #expect(plan.impact?.deleteSource == true && plan.impact?.breaksOthers == true)
            #expect(plan.impact?.otherDatasets.first?.samples.map(\.sampleId) == [otherSamples["1.jpg"]!])
            #expect(plan.impact?.sourceFiles.first?.outcome == nil)
            #expect(fixture.storage.bytes("b", "in/1.jpg") != nil)
            #expect(try await Self.labels(api, id)["cat"] != nil)

            let answer = try await api.send(.post, path + "?delete_policy=2", json: #"{"labels": [{"name": "cat"}]}"#, headers: Self.user)
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let deletion = try answer.decode(ModelArtsAPI.LabelDeletion.self)
            #expect(deletion.success && !deletion.dryRun)
            #expect(deletion.results.map(\.success) == [true])
            #expect(deletion.sampleIds == [one])
            #expect(deletion.impact?.sourceFiles.map(\.source) == ["obs://b/in/1.jpg"])
            #expect(deletion.impact?.sourceFiles.first?.outcome?.status == ModelArtsAPI.SourceDeletionOutcome.deleted)
            #expect(deletion.impact?.otherDatasets.map(\.datasetId) == [otherId])
            #expect(fixture.storage.bytes("b", "in/1.jpg") == nil)
            #expect(Set(try await Self.ids(api, id).keys) == ["2.jpg", "3.jpg"])
            let three = try await Self.sample(api, id, samples["3.jpg"]!)
            #expect(three.labels.map(\.name) == ["dog"])
            #expect(three.labels.first?.annotatedBy == "alice")

            // Policy 1 on the other dataset: its dog-only samples go, their files stay.
            try #require(
                try await api.send(
                    .put, "/v2/p/datasets/\(otherId)/data-annotations/samples",
                    json: #"{"samples": [{"sample_id": "\#(otherSamples["2.jpg"]!)", "labels": [{"name": "dog"}]}]}"#
                ).status == .ok)
            let policyOne = try await api.send(
                .post, "/v2/p/datasets/\(otherId)/data-annotations/labels/delete?delete_policy=1",
                json: #"{"labels": [{"name": "dog"}]}"#
            ).decode(ModelArtsAPI.LabelDeletion.self)
            #expect(policyOne.sampleIds == [otherSamples["2.jpg"]!])
            #expect(policyOne.impact?.deleteSource == false)
            #expect(fixture.storage.bytes("b", "in/2.jpg") != nil)

            let badPolicy = try await api.send(.post, path + "?delete_policy=3", json: #"{"labels": [{"name": "dog"}]}"#)
            #expect(badPolicy.status == .badRequest && badPolicy.errorMessage.contains("delete_policy"))
            let unknown = try await api.send(.post, path, json: #"{"labels": [{"name": "emu"}]}"#)
            #expect(unknown.status == .notFound)
            let empty = try await api.send(.post, path, json: #"{"labels": []}"#)
            #expect(empty.status == .badRequest)
        }
    }

    @Test func deletingByNameDeletesTheSamplesWithOnlyThatLabelByDefault() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, samples) = try await Self.pets(api)
            let base = "/v2/p/datasets/\(id)/data-annotations/labels/"
            let both = try await api.send(.delete, base + "cat?delete_policy=0&delete_source=true")
            #expect(both.status == .badRequest)

            let plan = try await api.send(.delete, base + "cat?dry_run=true").decode(ModelArtsAPI.LabelDeletion.self)
            #expect(plan.deletePolicy == 1 && plan.dryRun)
            #expect(plan.sampleIds == [samples["1.jpg"]!])
            let answer = try await api.send(.delete, base + "cat")
            #expect(answer.status == .noContent, "\(answer.errorMessage)")
            #expect(answer.body.readableBytes == 0)
            #expect(fixture.storage.bytes("b", "in/1.jpg") != nil)
            #expect(try await Self.labels(api, id)["cat"] == nil)
            #expect(try await Self.ids(api, id)["1.jpg"] == nil)

            let withSource = try await api.send(.delete, base + "dog?delete_source=true&dry_run=true").decode(ModelArtsAPI.LabelDeletion.self)
            #expect(withSource.deletePolicy == 2)
            #expect(withSource.sampleIds == [samples["3.jpg"]!])
            #expect(try await api.send(.delete, base + "dog?delete_source=true").status == .noContent)
            #expect(fixture.storage.bytes("b", "in/3.jpg") == nil)
            #expect(Set(try await Self.ids(api, id).keys) == ["2.jpg"])
        }
    }

    /// `…/labels/delete` is also the path of a label named "delete": PUT and DELETE reach it, POST deletes in batches.
    @Test func aLabelNamedDeleteIsReachable() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let (id, samples) = try await Self.pets(api)
            let path = "/v2/p/datasets/\(id)/data-annotations/labels/delete"
            let created = try await api.send(.post, "/v2/p/datasets/\(id)/data-annotations/labels", json: #"{"labels": [{"name": "delete"}]}"#)
            #expect(created.status == .ok, "\(created.errorMessage)")
            _ = try await api.send(
                .put, "/v2/p/datasets/\(id)/data-annotations/samples",
                json: #"{"samples": [{"sample_id": "\#(samples["2.jpg"]!)", "labels": [{"name": "delete"}]}]}"#)

            let recolored = try await api.send(.put, path, json: ##"{"@modelarts:color": "#abcdef"}"##)
            #expect(recolored.status == .noContent, "\(recolored.errorMessage)")
            #expect(try await Self.labels(api, id)["delete"]?.property?[ModelArtsAPI.PropertyKey.color] == .string("#abcdef"))

            let deleted = try await api.send(.delete, path + "?delete_policy=0")
            #expect(deleted.status == .noContent, "\(deleted.errorMessage)")
            #expect(try await Self.labels(api, id)["delete"] == nil)
            #expect(try await Self.sample(api, id, samples["2.jpg"]!).labels.isEmpty)

            let batch = try await api.send(.post, path, json: #"{"labels": [{"name": "dog"}]}"#)
            #expect(batch.status == .ok)
            #expect(try await Self.labels(api, id)["dog"] == nil)

            let wrongMethod = try await api.send(.get, path)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "DELETE, POST, PUT")
        }
    }
}
