import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Synchronization
import Testing

@Suite("Syncs running at the same time")
struct ConcurrentSyncTests {
    @Test func twoSyncsOfOneDatasetGiveNoDuplicates() async throws {
        let fixture = try LabelingFixture()
        for index in 0..<600 {
            fixture.storage.put("data", "img/\(index).jpg", "jpeg \(index)")
            fixture.storage.put("data", "img/\(index).txt", "Cat\n")
        }
        let dataset = try await fixture.createDataset("raced", .imageClassification, input: "obs://data/img/")

        async let first = fixture.service.sync(datasetId: dataset.id)
        async let second = fixture.service.sync(datasetId: dataset.id)
        let reports = try await [first, second]

        #expect(reports.map(\.totalSampleCount) == [600, 600])
        #expect(reports.map(\.addedSampleCount).reduce(0, +) <= 1_200)
        let samples = try await fixture.samples(dataset)
        #expect(samples.count == 600)
        #expect(Set(samples.map(\.key)).count == 600)
        #expect(try await fixture.service.sampleCounts(datasetId: dataset.id, jobId: dataset.defaultJobId).all == 600)
    }

    @Test func uploadsDuringASyncAreTakenByTheNextOne() async throws {
        let fixture = try LabelingFixture()
        for index in 0..<300 {
            fixture.storage.put("data", "img/\(index).jpg", "jpeg \(index)")
        }
        let dataset = try await fixture.createDataset("busy", .imageClassification, input: "obs://data/img/")
        let uploads = Task {
            for index in 300..<600 {
                fixture.storage.put("data", "img/\(index).jpg", "jpeg \(index)")
                fixture.storage.put("data", "img/\(index).txt", "Dog\n")
                await Task.yield()
            }
        }
        _ = try await fixture.service.sync(datasetId: dataset.id)
        await uploads.value
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let samples = try await fixture.samples(dataset)
        #expect(samples.count == 600)
        #expect(Set(samples.map(\.key)).count == 600)
        #expect(samples.filter(\.isLabeled).count == 300)
    }

    @Test func progressIsReported() async throws {
        let fixture = try LabelingFixture()
        for index in 0..<1_500 {
            fixture.storage.put("data", "img/\(index).jpg", "jpeg \(index)")
        }
        let dataset = try await fixture.createDataset("progress", .imageClassification, input: "obs://data/img/")
        let seen = ProgressLog()
        _ = try await fixture.service.sync(datasetId: dataset.id) { seen.append($0) }
        let log = seen.entries
        #expect(log.first?.total == nil)
        #expect(log.last == SyncProgress(listed: 1_500, processed: 1_500, total: 1_500))
        #expect(log.map(\.processed) == log.map(\.processed).sorted())
    }
}

final class ProgressLog: Sendable {
    private let log = Mutex<[SyncProgress]>([])

    func append(_ progress: SyncProgress) {
        log.withLock { $0.append(progress) }
    }

    var entries: [SyncProgress] { log.withLock { $0 } }
}
