import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Incremental sync")
struct IncrementalSyncTests {
    /// 30 labeled images; then 10 new ones (5 with sidecars), 5 deleted with their sidecars, one sidecar changed.
    @Test func addsNewDeletesGoneAndRereadsOnlyChangedSidecars() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        for index in 0..<30 {
            storage.put("data", "img/\(index).jpg", "jpeg \(index)")
            storage.put("data", "img/\(index).txt", "Label\(index % 3)\n")
        }
        let dataset = try await fixture.createDataset("incremental", .imageClassification, input: "obs://data/img/")
        let first = try await fixture.service.sync(datasetId: dataset.id)
        #expect(first.addedSampleCount == 30)
        #expect(first.sidecarsRead == 30)
        #expect(first.sidecarsUnchanged == 0)

        for index in 30..<40 {
            storage.put("data", "img/\(index).jpg", "jpeg \(index)")
            if index % 2 == 0 { storage.put("data", "img/\(index).txt", "New\n") }
        }
        for index in 0..<5 {
            storage.delete("data", "img/\(index).jpg")
            storage.delete("data", "img/\(index).txt")
        }
        storage.put("data", "img/7.txt", "Changed\n")
        storage.resetReads()

        let second = try await fixture.service.sync(datasetId: dataset.id)

        #expect(second.status == .succeeded)
        #expect(second.addedSampleCount == 10)
        #expect(second.deletedSampleCount == 5)
        #expect(second.totalSampleCount == 35)
        // 25 old sidecars are left, one of them changed: 24 unchanged; read: the changed one and the 5 new ones.
        #expect(second.sidecarsUnchanged == 24)
        #expect(second.sidecarsRead == 6)
        #expect(Set(storage.reads) == Set(["img/7.txt", "img/30.txt", "img/32.txt", "img/34.txt", "img/36.txt", "img/38.txt"]))
        #expect(try await fixture.sample(dataset, key: "img/7.jpg")?.labelNames == ["Changed"])
        #expect(try await fixture.sample(dataset, key: "img/0.jpg") == nil)
        #expect(try await fixture.service.sampleCounts(datasetId: dataset.id, jobId: nil) == SampleCounts(all: 35, labeled: 30, unlabeled: 5))
        #expect(try await fixture.service.syncStatus(datasetId: dataset.id) == second)

        storage.resetReads()
        let third = try await fixture.service.sync(datasetId: dataset.id)
        #expect(third.addedSampleCount == 0)
        #expect(third.deletedSampleCount == 0)
        #expect(third.sidecarsRead == 0)
        #expect(third.sidecarsUnchanged == 30)
        #expect(storage.reads.isEmpty)
    }

    @Test func aChangedImageKeepsItsSampleAndLabels() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "old bytes")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        let dataset = try await fixture.createDataset("reuploaded", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let before = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))

        fixture.storage.put("data", "img/1.jpg", "new, longer bytes")
        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.addedSampleCount == 0)
        #expect(report.sidecarsRead == 0)
        let after = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(after.id == before.id)
        #expect(after.etag == MemoryObjectStorage.etag(Array("new, longer bytes".utf8)))
        #expect(after.size == 17)
        #expect(after.labelNames == ["Cat"])
    }

    @Test func aChangedTextFileUpdatesItsLines() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "text/a.txt", "one\tx\ntwo\ty\nthree\tz\n")
        let dataset = try await fixture.createDataset("lines", .textClassification, input: "obs://data/text/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let firstLine = try #require(try await fixture.sample(dataset, key: "text/a.txt", line: 1))

        fixture.storage.put("data", "text/a.txt", "one\tw\n")
        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.addedSampleCount == 0)
        #expect(report.deletedSampleCount == 2)
        let samples = try await fixture.samples(dataset)
        #expect(samples.map(\.id) == [firstLine.id])
        #expect(samples.map(\.labelNames) == [["w"]])
    }
}
