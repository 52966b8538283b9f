import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Sync of each dataset kind")
struct DatasetSyncTests {
    @Test func imageClassificationBySidecarAndByFolder() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        storage.put("data", "cls/10.jpg", "jpeg 10")
        storage.put("data", "cls/10.txt", "Rabbit\nPanda\n")
        storage.put("data", "cls/Dog/11.jpg", "jpeg 11")
        storage.put("data", "cls/12.png", "png 12")
        storage.put("data", "cls/notes.pdf", "not a sample")
        let dataset = try await fixture.createDataset("classes", .imageClassification, input: "obs://data/cls/")

        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.status == .succeeded)
        #expect(report.addedSampleCount == 3)
        #expect(report.deletedSampleCount == 0)
        #expect(report.totalSampleCount == 3)
        #expect(report.sidecarsRead == 1)
        let bySidecar = try #require(try await fixture.sample(dataset, key: "cls/10.jpg"))
        #expect(bySidecar.labelNames == ["Rabbit", "Panda"])
        #expect(bySidecar.labelSource == .sidecar(key: "cls/10.txt", etag: MemoryObjectStorage.etag(Array("Rabbit\nPanda\n".utf8))))
        #expect(bySidecar.unlabeledReason == nil)
        #expect(bySidecar.labeledBy == "sync")
        let byFolder = try #require(try await fixture.sample(dataset, key: "cls/Dog/11.jpg"))
        #expect(byFolder.labelNames == ["Dog"])
        #expect(byFolder.labelSource == .folder(name: "Dog"))
        let unlabeled = try #require(try await fixture.sample(dataset, key: "cls/12.png"))
        #expect(unlabeled.annotations.isEmpty)
        #expect(unlabeled.unlabeledReason?.code == .noSidecar)

        let counts = try await fixture.service.sampleCounts(datasetId: dataset.id, jobId: nil)
        #expect(counts == SampleCounts(all: 3, labeled: 2, unlabeled: 1))
        #expect(try await fixture.samples(dataset, state: .labeled).map(\.key) == ["cls/10.jpg", "cls/Dog/11.jpg"])
        #expect(try await fixture.samples(dataset, state: .unlabeled).map(\.key) == ["cls/12.png"])

        let labels = try await fixture.service.labels(datasetId: dataset.id)
        #expect(labels.map(\.label.name) == ["Rabbit", "Panda", "Dog"])
        #expect(labels.map(\.sampleCount) == [1, 1, 1])
        #expect(labels.allSatisfy { $0.label.type == 0 && $0.label.color != nil })
    }

    @Test func objectDetectionFromPascalVOC() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        storage.put("data", "det/IMG_1.jpg", "jpeg 1")
        storage.put("data", "det/IMG_1.xml", LabelingFixture.voc([("Rabbit", [279, 52, 474, 278]), ("Cat", [279, 198, 456, 421])]))
        storage.put("data", "det/IMG_2.jpg", "jpeg 2")
        let dataset = try await fixture.createDataset(
            "boxes",
            .objectDetection,
            input: "obs://data/det/",
            labels: [Label(name: "Cat", type: 1, color: "#00ff00")]
        )

        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.addedSampleCount == 2)
        let sample = try #require(try await fixture.sample(dataset, key: "det/IMG_1.jpg"))
        #expect(sample.labelNames == ["Rabbit", "Cat"])
        #expect(sample.annotations.first?.shape == .boundingBox(xmin: 279, ymin: 52, xmax: 474, ymax: 278))
        #expect(try await fixture.sample(dataset, key: "det/IMG_2.jpg")?.unlabeledReason?.code == .noSidecar)
        let labels = try await fixture.service.labels(datasetId: dataset.id)
        #expect(labels.map(\.label.name) == ["Cat", "Rabbit"])
        #expect(labels.first?.label.color == "#00ff00")
        #expect(labels.allSatisfy { $0.label.type == 1 && $0.sampleCount == 1 })
    }

    @Test func textClassificationOneSamplePerLine() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        storage.put("data", "text/comments.txt", "Fast delivery\nBroken on arrival\nNo opinion\n")
        storage.put("data", "text/comments_result.txt", "positive\nnegative\n\n")
        storage.put("data", "text/combined.txt", "Love it\tpositive\nHate it\tnegative\n")
        let dataset = try await fixture.createDataset("texts", .textClassification, input: "obs://data/text/")

        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.addedSampleCount == 5)
        #expect(report.totalSampleCount == 5)
        #expect(report.sidecarsRead == 1)
        let samples = try await fixture.samples(dataset)
        #expect(samples.map(\.key) == ["text/combined.txt", "text/combined.txt", "text/comments.txt", "text/comments.txt", "text/comments.txt"])
        #expect(samples.map(\.line) == [1, 2, 1, 2, 3])
        #expect(samples.map(\.text) == ["Love it", "Hate it", "Fast delivery", "Broken on arrival", "No opinion"])
        #expect(samples.map(\.labelNames) == [["positive"], ["negative"], ["positive"], ["negative"], []])
        #expect(
            samples[0].labelSource
                == .sidecar(key: "text/combined.txt", etag: MemoryObjectStorage.etag(Array("Love it\tpositive\nHate it\tnegative\n".utf8)))
        )
        #expect(samples[2].labelSource?.sidecarKey == "text/comments_result.txt")
        #expect(samples[4].unlabeledReason?.code == .sidecarMalformed)
        #expect(samples[4].unlabeledReason?.position == "line 3")
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.sampleCount) == [2, 2])
    }

    @Test func soundClassificationByFolder() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        storage.put("data", "sound/Rabbit/10.wav", "riff 10")
        storage.put("data", "sound/Panda/1.wav", "riff 1")
        storage.put("data", "sound/loose.wav", "riff")
        let dataset = try await fixture.createDataset("sounds", .soundClassification, input: "obs://data/sound")

        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.addedSampleCount == 3)
        #expect(report.sidecarsRead == 0)
        #expect(try await fixture.samples(dataset).map(\.labelNames) == [["Panda"], ["Rabbit"], []])
        #expect(try await fixture.sample(dataset, key: "sound/loose.wav")?.unlabeledReason?.code == .noSidecar)
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.label.type) == [200, 200])
    }

    @Test func aListingOfManyPagesIsFollowedToTheEnd() async throws {
        let fixture = try LabelingFixture()
        for index in 0..<2_345 {
            fixture.storage.put("data", "many/\(index).jpg", "jpeg \(index)")
        }
        let dataset = try await fixture.createDataset("many", .imageClassification, input: "obs://data/many/")
        let report = try await fixture.service.sync(datasetId: dataset.id)
        #expect(report.addedSampleCount == 2_345)
        let page = try await fixture.service.listSamples(datasetId: dataset.id, jobId: nil, state: .unlabeled, offset: 2_340, limit: 10)
        #expect(page.total == 2_345)
        #expect(page.samples.count == 5)
    }

    @Test func jobsMirrorTheDatasetAfterASync() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "cls/Cat/1.jpg", "1")
        fixture.storage.put("data", "cls/2.jpg", "2")
        let dataset = try await fixture.createDataset("mirrored", .imageClassification, input: "obs://data/cls/")
        let extra = try await fixture.service.createJob(datasetId: dataset.id, name: "second-pass")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let jobs = try await fixture.service.listJobs(datasetId: dataset.id)
        #expect(jobs.map(\.id) == [dataset.defaultJobId, extra.id])
        #expect(jobs.map(\.isDefault) == [true, false])
        for job in jobs {
            let samples = try await fixture.samples(dataset, jobId: job.id)
            #expect(samples.map(\.key) == ["cls/2.jpg", "cls/Cat/1.jpg"])
            #expect(samples.allSatisfy { $0.jobId == job.id })
            #expect(try await fixture.service.sampleCounts(datasetId: dataset.id, jobId: job.id) == SampleCounts(all: 2, labeled: 1, unlabeled: 1))
        }
        let late = try await fixture.service.createJob(datasetId: dataset.id, name: "late")
        #expect(try await fixture.samples(dataset, jobId: late.id).count == 2)

        fixture.storage.delete("data", "cls/2.jpg")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.samples(dataset, jobId: extra.id).map(\.key) == ["cls/Cat/1.jpg"])
    }
}

extension LabelSource {
    var sidecarKey: String? {
        if case .sidecar(let key, _) = self { return key }
        return nil
    }
}
