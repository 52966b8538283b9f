import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Datasets, jobs and labels")
struct DatasetTests {
    @Test func createListFindAndDelete() async throws {
        let fixture = try LabelingFixture()
        let created = try await fixture.service.createDataset(
            DatasetSpec(
                name: "flowers-1",
                kind: .imageClassification,
                inputPath: "obs://data/flowers",
                outputPath: "obs://data/output/",
                description: "Some flowers",
                labels: [Label(name: "Rose", type: 0, color: "#ff0000"), Label(name: "Tulip", type: 0)]
            )
        )
        #expect(created.id.count == 32 && created.id.allSatisfy(\.isHexDigit) && created.id == created.id.lowercased())
        #expect(created.inputBucket == "data")
        #expect(created.inputPrefix == "flowers/")
        #expect(created.outputPath == "obs://data/output/")
        #expect(created.labels.map(\.name) == ["Rose", "Tulip"])
        #expect(created.labels[1].color != nil)
        #expect(created.counts == .zero)
        let jobs = try await fixture.service.listJobs(datasetId: created.id)
        #expect(jobs.count == 1 && jobs[0].id == created.defaultJobId && jobs[0].isDefault)

        let second = try await fixture.createDataset("sounds", .soundClassification, input: "/data/sounds/")
        let (page, total) = try await fixture.service.listDatasets(offset: 0, limit: 1)
        #expect(total == 2)
        #expect(page.map(\.id) == [second.id])
        #expect(try await fixture.service.dataset(named: "flowers-1") == created)
        #expect(try await fixture.service.dataset(id: created.id) == created)

        try await fixture.service.deleteDataset(id: created.id)
        await #expect(throws: LabelingError.datasetNotFound(created.id)) { try await fixture.service.dataset(id: created.id) }
        await #expect(throws: LabelingError.self) { try await fixture.service.deleteDataset(id: created.id) }
        #expect(try await fixture.service.listDatasets(offset: 0, limit: 10).total == 1)
    }

    @Test(arguments: [
        ("bad name!", "obs://data/in/", "obs://data/out/"),
        ("", "obs://data/in/", "obs://data/out/"),
        ("inside", "obs://data/in/", "obs://data/in/out/"),
        ("same", "obs://data/in/", "obs://data/in"),
        ("nobucket", "obs:///in/", "obs://data/out/"),
        ("relative", "data/in/", "obs://data/out/"),
    ])
    func rejectsBadSpecs(name: String, input: String, output: String) async throws {
        let fixture = try LabelingFixture()
        await #expect(throws: LabelingError.self) {
            try await fixture.service.createDataset(DatasetSpec(name: name, kind: .objectDetection, inputPath: input, outputPath: output))
        }
        #expect(try await fixture.service.listDatasets(offset: 0, limit: 10).total == 0)
    }

    @Test func errorsHaveDomainCodesAndKinds() async throws {
        let fixture = try LabelingFixture()
        _ = try await fixture.createDataset("taken", .imageClassification, input: "obs://data/a/")
        do {
            _ = try await fixture.createDataset("taken", .imageClassification, input: "obs://data/b/")
            Issue.record("a second dataset with the same name was created")
        } catch let error as LabelingError {
            #expect(error.code == .duplicateName)
            #expect(error.kind == .conflict)
        }
        do {
            _ = try await fixture.service.dataset(id: "0123456789abcdef0123456789abcdef")
        } catch let error as LabelingError {
            #expect(error.code == .datasetNotFound)
            #expect(error.kind == .notFound)
        }
    }

    @Test func labelsAreCheckedAndAdded() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await fixture.createDataset("labels", .objectDetection, input: "obs://data/det/")
        try await fixture.service.addLabels(datasetId: dataset.id, [Label(name: "Car", type: 1), Label(name: "Bus", type: 1, color: "#123456")])
        await #expect(throws: LabelingError.self) { try await fixture.service.addLabels(datasetId: dataset.id, [Label(name: "Car", type: 1)]) }
        await #expect(throws: LabelingError.self) { try await fixture.service.addLabels(datasetId: dataset.id, [Label(name: "Van", type: 0)]) }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.addLabels(datasetId: dataset.id, [Label(name: "Van", type: 1, color: "red")])
        }
        let labels = try await fixture.service.labels(datasetId: dataset.id)
        #expect(labels.map(\.label.name) == ["Car", "Bus"])
        #expect(labels.map(\.label.color) == [labels[0].label.color, "#123456"])
        #expect(labels.allSatisfy { $0.sampleCount == 0 })
    }

    @Test func jobNamesAreUniquePerDataset() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await fixture.createDataset("jobs", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.createJob(datasetId: dataset.id, name: "review")
        await #expect(throws: LabelingError.self) { try await fixture.service.createJob(datasetId: dataset.id, name: "review") }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.listSamples(datasetId: dataset.id, jobId: "nope", state: .all, offset: 0, limit: 10)
        }
    }

    @Test func everythingSurvivesAReopen() async throws {
        let fixture = try LabelingFixture(onDisk: true)
        fixture.storage.put("data", "img/1.jpg", "1")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        fixture.storage.put("data", "img/2.jpg", "2")
        let dataset = try await fixture.createDataset("durable", .imageClassification, input: "obs://data/img/")
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "extra")
        let report = try await fixture.service.sync(datasetId: dataset.id)
        let samples = try await fixture.samples(dataset)

        let reopened = try fixture.reopen()

        let again = try await reopened.dataset(id: dataset.id)
        #expect(again.labels.map(\.name) == ["Cat"])
        #expect(again.counts == SampleCounts(all: 2, labeled: 1, unlabeled: 1))
        #expect(try await reopened.listJobs(datasetId: dataset.id).map(\.id) == [dataset.defaultJobId, job.id])
        #expect(try await reopened.syncStatus(datasetId: dataset.id) == report)
        let reread = try await reopened.listSamples(datasetId: dataset.id, jobId: nil, state: .all, offset: 0, limit: 10).samples
        #expect(reread == samples)
        #expect(reread.first?.createdAt == samples.first?.createdAt)
        // The reopened service syncs incrementally from what the first one stored.
        let next = try await reopened.sync(datasetId: dataset.id)
        #expect(next.addedSampleCount == 0 && next.sidecarsUnchanged == 1 && next.sidecarsRead == 0)
    }

    @Test func deletingADatasetLeavesTheStorageAlone() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "1")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        let first = try await fixture.createDataset("first", .imageClassification, input: "obs://data/img/")
        let second = try await fixture.createDataset("second", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: first.id)
        _ = try await fixture.service.sync(datasetId: second.id)

        try await fixture.service.deleteDataset(id: first.id)

        let listing = try await fixture.storage.listObjects(bucket: "data", prefix: "", startAfter: nil, maxKeys: 100)
        #expect(listing.objects.map(\.key) == ["img/1.jpg", "img/1.txt"])
        // The other dataset that refers to the same objects is untouched.
        #expect(try await fixture.samples(second).map(\.labelNames) == [["Cat"]])
    }
}

extension Character {
    fileprivate var isHexDigit: Bool { isASCII && (isNumber || ("a"..."f").contains(self)) }
}
