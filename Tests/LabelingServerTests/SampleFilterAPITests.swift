import Foundation
import HTTPTypes
import LabelFormats
import Labeling
import LabelingTestSupport
import ObslabAPI
import Testing

@testable import LabelingServer

/// `search_conditions` on the sample lists of a dataset and of a workforce task, and `…/search-condition`.
struct SampleFilterAPITests {
    /// `/b/in/`: 1.jpg cat, 2.jpg cat and dog, 3.jpg unlabeled, Bird/4.jpg labeled by its folder.
    static func fixture() throws -> APIFixture {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "one")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        fixture.storage.put("b", "in/2.jpg", "two")
        fixture.storage.put("b", "in/2.txt", "cat\ndog\n")
        fixture.storage.put("b", "in/3.jpg", "three")
        fixture.storage.put("b", "in/Bird/4.jpg", "four")
        return fixture
    }

    static func dataset(_ api: APIClient) async throws -> String {
        let id = try await api.createDataset("filters", type: 0, input: "/b/in/")
        _ = try await api.sync(id)
        return id
    }

    /// `?search_conditions=…`, the JSON percent-encoded, or form-encoded (spaces as `+`) as Python's `requests` does.
    static func query(_ json: String, form: Bool = false, extra: String = "&limit=100") -> String {
        var allowed = CharacterSet.alphanumerics
        if form { allowed.insert(" ") }
        let encoded = json.addingPercentEncoding(withAllowedCharacters: allowed)!
        return "?search_conditions=" + (form ? encoded.replacingOccurrences(of: " ", with: "+") : encoded) + extra
    }

    static func sources(_ list: ModelArtsAPI.SampleList) -> [String] {
        list.samples.map { $0.source.replacingOccurrences(of: "obs://b/in/", with: "") }
    }

    @Test func labelConditionsAnyAllAndNone() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await Self.dataset(api)

            let any = try await api.samples(id, query: Self.query(#"[{"label_list": {"labels": [{"name": "cat"}, {"name": "Bird"}]}}]"#, form: true))
            #expect(Self.sources(any) == ["1.jpg", "2.jpg", "Bird/4.jpg"])
            #expect(any.sampleCount == 3)

            let all = try await api.samples(id, query: Self.query(#"[{"label_list":{"labels":[{"name":"cat"},{"name":"dog"}],"op":"AND"}}]"#))
            #expect(Self.sources(all) == ["2.jpg"])
            #expect(all.sampleCount == 1)

            let none = try await api.samples(id, query: Self.query(#"[{"label_list":{"op":"NONE"}}]"#))
            #expect(Self.sources(none) == ["3.jpg"])
            let notCat = try await api.samples(id, query: Self.query(#"[{"label_list":{"labels":[{"name":"cat"}],"op":"none"}}]"#))
            #expect(Self.sources(notCat) == ["3.jpg", "Bird/4.jpg"])

            let byName = try await api.samples(id, query: "?label_name=dog")
            #expect(Self.sources(byName) == ["2.jpg"])
        }
    }

    @Test func nameFolderLabelerAndHardCombineAndCountTheFilter() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await Self.dataset(api)
            let added = try await api.send(
                .post,
                "/v2/p/datasets/\(id)/data-annotations/samples",
                json: #"{"samples": [{"name": "5.jpg", "data": "Zml2ZQ==", "labels": [{"name": "cat"}], "metadata": {"@modelarts:hard": 1}}]}"#,
                headers: [HTTPField.Name("X-Obslab-User")!: "alice"]
            )
            try #require(added.status == .ok, "\(added.errorMessage)")

            #expect(Self.sources(try await api.samples(id, query: Self.query(#"{"sample_name": "BIRD/"}"#))) == ["Bird/4.jpg"])
            #expect(Self.sources(try await api.samples(id, query: Self.query(#"[{"sample_dir": "obs://b/in/Bird/"}]"#))) == ["Bird/4.jpg"])
            #expect(try await api.samples(id, query: Self.query(#"[{"sample_dir": "/b/in/"}]"#)).sampleCount == 4)
            #expect(Self.sources(try await api.samples(id, query: Self.query(#"[{"labeler": "alice"}]"#))) == ["5.jpg"])
            #expect(try await api.samples(id, query: Self.query(#"[{"labeler": "sync"}]"#)).sampleCount == 3)
            #expect(Self.sources(try await api.samples(id, query: Self.query(#"[{"hard": "1"}]"#))) == ["5.jpg"])
            #expect(try await api.samples(id, query: Self.query(#"[{"hard": "0"}]"#)).sampleCount == 4)

            let combined = Self.query(#"[{"label_list": {"labels": [{"name": "cat"}]}}, {"hard": "0"}]"#, extra: "&limit=1&offset=1")
            let page = try await api.samples(id, query: combined)
            #expect(page.sampleCount == 2)
            #expect(Self.sources(page) == ["2.jpg"])
            let labeledOnly = try await api.samples(id, query: Self.query(#"[{"sample_name": ".jpg"}]"#, extra: "&sample_state=__NONE__"))
            #expect(Self.sources(labeledOnly) == ["3.jpg"])

            let hard = try #require(try await api.samples(id, query: Self.query(#"[{"hard": 1}]"#)).samples.first)
            #expect(hard.metadata["@modelarts:hard"] == .number(1))
            #expect(hard.labels.first?.annotatedBy == "alice")
        }
    }

    @Test func aWorkforceTaskIsFilteredByItsOwnLabels() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await Self.dataset(api)
            let created = try await api.send(.post, "/v2/p/datasets/\(id)/workforce-tasks", json: #"{"task_name": "review"}"#)
            try #require(created.status == .ok || created.status == .created, "\(created.errorMessage)")
            let taskId = try #require(try created.json["task_id"] as? String)
            let three = try #require(try await api.samples(id, query: "?sample_state=__NONE__").samples.first)
            let update = try await api.send(
                .put,
                "/v2/p/datasets/\(id)/workforce-tasks/\(taskId)/data-annotations/samples",
                json: #"{"samples": [{"sample_id": "\#(three.sampleId)", "labels": [{"name": "dog"}]}]}"#
            )
            try #require(update.status == .ok, "\(update.errorMessage)")

            let dogs = Self.query(#"[{"label_list": {"labels": [{"name": "dog"}]}}]"#)
            #expect(Self.sources(try await api.samples(id, query: dogs, job: taskId)) == ["2.jpg", "3.jpg"])
            #expect(Self.sources(try await api.samples(id, query: dogs)) == ["2.jpg"])
        }
    }

    @Test func unsupportedOrMalformedConditionsAre400sNamingTheMember() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await Self.dataset(api)
            let cases: [(String, String)] = [
                ("not json", "search_conditions"),
                (#"[{"hard": "2"}]"#, "search_conditions[0].hard"),
                (#"[{"labeler": "a"}, {"import_origin": "robot"}]"#, "search_conditions[1].import_origin"),
                (#"[{"metadata": {"op": "XOR", "props": {"group": ["1"]}}}]"#, "search_conditions[0].metadata.op"),
                (#"[{"metadata": {"props": {"group": "1"}}}]"#, "search_conditions[0].metadata.props.group"),
                (#"[{"sample_time": "yesterday"}]"#, "search_conditions[0].sample_time"),
                (#"[{"sample_time": "20260101-20260301"}]"#, "at most 30 days"),
                (#"[{"sample_time": "20260301-20260101"}]"#, "starts after it ends"),
                (#"[{"score": "0.5"}]"#, "search_conditions[0].score"),
                (#"[{"colour": "red"}]"#, "search_conditions[0].colour"),
                (#"[{"label_list": {"labels": [{"name": "cat"}], "op": "XOR"}}]"#, "search_conditions[0].label_list.op"),
                (#"[{"label_list": {"labels": [{"type": 0}]}}]"#, "search_conditions[0].label_list.labels[0].name"),
                (#"[{"sample_dir": "in/"}]"#, "search_conditions[0].sample_dir"),
                (#"[{"label_list": {"labels": [{"name": "cat", "property": {"color": ["red"]}}]}}]"#, "property"),
                ("[1]", "search_conditions[0]"),
            ]
            for (json, mention) in cases {
                let answer = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/samples" + Self.query(json))
                #expect(answer.status == .badRequest, "\(json): \(answer.status)")
                #expect(answer.errorCode == "ModelArts.0104", "\(json)")
                #expect(answer.errorMessage.contains(mention), "\(json): \(answer.errorMessage)")
            }
            let all = try await api.samples(id, query: Self.query(#"[{"import_origin": "obs"}]"#))
            #expect(all.sampleCount == 4, "the data attribute All is every sample")
            let inference = try await api.samples(id, query: Self.query(#"[{"import_origin": "inference"}]"#))
            #expect(inference.sampleCount == 0, "no sample here comes from inference")
        }
    }

    @Test func sampleTimeIsADayAMonthOrARangeOfDaysInUTC() throws {
        let now = try Date("2026-12-04T15:30:00Z", strategy: .iso8601)
        let day = try ModelArtsAPI.sampleTime("day", field: "t", now: now)
        #expect(day.0 == (try Date("2026-12-03T00:00:00Z", strategy: .iso8601)) && day.1 > now)
        let month = try ModelArtsAPI.sampleTime("month", field: "t", now: now)
        #expect(month.0 == (try Date("2026-11-04T00:00:00Z", strategy: .iso8601)))
        let range = try ModelArtsAPI.sampleTime("20261101-20261130", field: "t", now: now)
        #expect(range.0 == (try Date("2026-11-01T00:00:00Z", strategy: .iso8601)))
        #expect(range.1 == (try Date("2026-12-01T00:00:00Z", strategy: .iso8601)), "the last day is included")
        #expect(throws: ModelArtsError.self) { try ModelArtsAPI.sampleTime("20261101-20261201", field: "t", now: now) }
    }

    @Test func searchConditionOffersTheLabelsAndTheLabelers() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await Self.dataset(api)
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/search-condition")
            try #require(answer.status == .ok, "\(answer.errorMessage)")
            let values = try answer.decode(ModelArtsAPI.SearchConditionValues.self)
            #expect(values.labels.map(\.name) == ["cat", "dog", "Bird"])
            #expect(values.labels.allSatisfy { $0.type == 0 && $0.property?["@modelarts:color"] != nil })
            #expect(values.labelers == ["sync"])

            let missing = try await api.send(.get, "/v2/p/datasets/0123456789abcdef0123456789abcdef/data-annotations/search-condition")
            #expect(missing.status == .notFound && missing.errorCode == "ModelArts.4352")
        }
    }
}
