import HTTPTypes
import LabelFormats
import Labeling
import LabelingServer
import LabelingTestSupport
import NIOCore
import ObslabAPI
import Testing

/// Datasets, their labels and labeling jobs through the API.
struct DatasetAPITests {
    @Test func createdDatasetIsDescribedInModelArtsTerms() async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset(
                "animals",
                type: 1,
                input: "/photos/animals/",
                output: "obs://photos/output/",
                labels: ##"[{"name": "cat", "type": 1, "property": {"@modelarts:color": "#3399ff"}}, {"name": "dog"}]"##
            )
            #expect(id.count == 32)
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)")
            #expect(answer.status == .ok)
            let dataset = try answer.decode(ModelArtsAPI.Dataset.self)
            #expect(dataset.datasetName == "animals")
            #expect(dataset.datasetType == 1)
            #expect(dataset.status == 1)
            #expect(dataset.dataSources == [ModelArtsAPI.DataSource(dataType: 0, dataPath: "/photos/animals/")])
            #expect(dataset.workPath == "/photos/output/")
            #expect(dataset.innerWorkPath == "/photos/output/animals-\(id)/")
            #expect(dataset.totalSampleCount == 0)
            #expect(dataset.labelTaskCount == 1)
            #expect(dataset.labels?.map(\.name) == ["cat", "dog"])
            #expect(dataset.labels?.first?.property?["@modelarts:color"] == .string("#3399ff"))
            #expect(dataset.labels?.last?.type == 1)

            let raw = try answer.json
            #expect(raw["dataset_id"] as? String == id)
            #expect(raw["create_time"] is Int)
        }
    }

    @Test func listPagesThroughDatasets() async throws {
        try await APIFixture().test { api in
            for name in ["a", "b", "c"] {
                _ = try await api.createDataset(name, type: 0, input: "/in-\(name)/")
            }
            let all = try await api.send(.get, "/v2/p/datasets").decode(ModelArtsAPI.DatasetList.self)
            #expect(all.totalNumber == 3)
            #expect(Set(all.datasets.map(\.datasetName)) == ["a", "b", "c"])
            #expect(all.datasets.allSatisfy { $0.labels == nil })

            let page = try await api.send(.get, "/v2/p/datasets?offset=1&limit=1&with_labels=true").decode(ModelArtsAPI.DatasetList.self)
            #expect(page.totalNumber == 3)
            #expect(page.datasets.count == 1)
            #expect(page.datasets.first?.labels != nil)
        }
    }

    @Test func duplicateNameIsAConflict() async throws {
        try await APIFixture().test { api in
            _ = try await api.createDataset("twice", type: 0, input: "/b/in/")
            let answer = try await api.send(
                .post,
                "/v2/p/datasets",
                json: #"{"dataset_name": "twice", "dataset_type": 0, "data_sources": [{"data_path": "/b/other/"}], "work_path": "/b/out/"}"#
            )
            #expect(answer.status == .conflict)
            #expect(answer.errorCode == "ModelArts.0103")
        }
    }

    @Test func deletingDatasetKeepsItsObjects() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg")
        try await fixture.test { api in
            let id = try await api.createDataset("gone", type: 0, input: "/b/in/")
            _ = try await api.sync(id)
            let answer = try await api.send(.delete, "/v2/p/datasets/\(id)")
            #expect(answer.status == .noContent)
            #expect(answer.body.readableBytes == 0)
            let afterDelete = try await api.send(.get, "/v2/p/datasets/\(id)")
            #expect(afterDelete.status == .notFound)
            let secondDelete = try await api.send(.delete, "/v2/p/datasets/\(id)")
            #expect(secondDelete.status == .notFound)
            let listing = try await fixture.storage.listObjects(bucket: "b", prefix: "", startAfter: nil, maxKeys: 10)
            #expect(listing.objects.map(\.key) == ["in/1.jpg"])
        }
    }

    @Test func labelsAreCreatedAndCounted() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        fixture.storage.put("b", "in/2.jpg", "jpeg")
        fixture.storage.put("b", "in/2.txt", "cat\ndog\n")
        try await fixture.test { api in
            let id = try await api.createDataset("pets", type: 0, input: "/b/in/")
            let created = try await api.send(
                .post,
                "/v2/p/datasets/\(id)/data-annotations/labels",
                json: ##"{"labels": [{"name": "bird", "property": {"@modelarts:color": "#00ff00"}}]}"##
            )
            #expect(created.status == .ok)
            #expect(try created.json["success"] as? Bool == true)
            _ = try await api.sync(id)

            let labels = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/labels").decode(ModelArtsAPI.LabelList.self)
            let counts = Dictionary(uniqueKeysWithValues: labels.labels.map { ($0.name ?? "", $0.sampleCount) })
            #expect(counts == ["bird": 0, "cat": 2, "dog": 1])
            #expect(labels.totalNumber == 3)
            #expect(labels.labels.first { $0.name == "bird" }?.property?["@modelarts:color"] == .string("#00ff00"))
            #expect(labels.labels.allSatisfy { $0.type == 0 })
        }
    }

    @Test func badLabelIsRefusedByField() async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset("pets", type: 0, input: "/b/in/")
            let missing = try await api.send(.post, "/v2/p/datasets/\(id)/data-annotations/labels", json: #"{"labels": []}"#)
            #expect(missing.status == .badRequest)
            #expect(missing.errorMessage.hasPrefix("Invalid parameter labels:"))
            let color = try await api.send(
                .post,
                "/v2/p/datasets/\(id)/data-annotations/labels",
                json: #"{"labels": [{"name": "ok"}, {"name": "bad", "property": {"@modelarts:color": 3}}]}"#
            )
            #expect(color.status == .badRequest)
            #expect(color.errorMessage.hasPrefix("Invalid parameter labels[1].property.@modelarts:color:"))
        }
    }

    @Test func labelingJobsAreCreatedAndListed() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        fixture.storage.put("b", "in/2.jpg", "jpeg")
        try await fixture.test { api in
            let id = try await api.createDataset("pets", type: 0, input: "/b/in/")
            let created = try await api.send(.post, "/v2/p/datasets/\(id)/workforce-tasks", json: #"{"task_name": "second"}"#)
            #expect(created.status == .ok)
            let taskId = try created.decode(ModelArtsAPI.CreatedTask.self).taskId
            _ = try await api.sync(id)

            // As ModelArts, the list holds the jobs users made; `with_default=true` adds the default one.
            let made = try await api.send(.get, "/v2/p/datasets/\(id)/workforce-tasks").decode(ModelArtsAPI.WorkforceTaskList.self)
            #expect(made.count == 1 && made.tasks.map(\.taskId) == [taskId])
            let jobs = try await api.send(.get, "/v2/p/datasets/\(id)/workforce-tasks?with_default=true").decode(ModelArtsAPI.WorkforceTaskList.self)
            #expect(jobs.count == 2)
            #expect(jobs.tasks.filter(\.isDefault).count == 1)
            let second = try #require(jobs.tasks.first { $0.taskId == taskId })
            #expect(second.taskName == "second")
            #expect(second.sampleStats.totalSampleCount == 2)
            #expect(second.sampleStats.unannotatedSampleCount == 1)

            let jobSamples = try await api.samples(id, query: "?sample_state=__ALL__", job: taskId)
            #expect(jobSamples.sampleCount == 1)
            #expect(jobSamples.samples.first?.labels.map(\.name) == ["cat"])
            let one = try await api.send(
                .get,
                "/v2/p/datasets/\(id)/workforce-tasks/\(taskId)/data-annotations/samples/\(jobSamples.samples[0].sampleId)"
            )
            #expect(one.status == .ok)
            let unknownJob = try await api.send(
                .get,
                "/v2/p/datasets/\(id)/workforce-tasks/00000000000000000000000000000000/data-annotations/samples"
            )
            #expect(unknownJob.status == .notFound)

            let nameless = try await api.send(.post, "/v2/p/datasets/\(id)/workforce-tasks", json: "{}")
            #expect(nameless.status == .badRequest)
            #expect(nameless.errorMessage.hasPrefix("Invalid parameter task_name:"))
        }
    }
}
