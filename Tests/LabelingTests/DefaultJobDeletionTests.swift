import Foundation
import Labeling
import LabelingTestSupport
import Testing

/// "Why ModelArts image labels are lost? The default labeling job is deleted. As a result, the labels are deleted."
@Suite("Deleting the default labeling job")
struct DefaultJobDeletionTests {
    @Test func theLabelsGoWithItAndASyncDoesNotBringThemBack() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let otherJob = try await fixture.service.createJob(datasetId: dataset.id, name: "team")

        let lost = try await fixture.service.deleteJob(datasetId: dataset.id, jobId: dataset.defaultJobId, author: "bob")

        #expect(lost == 2)
        for key in ["img/1.jpg", "img/3.jpg"] {
            let sample = try #require(try await fixture.sample(dataset, key: key))
            #expect(!sample.isLabeled && sample.labelNames.isEmpty, "\(key)")
            #expect(sample.unlabeledReason?.code == .deletedWithDefaultJob, "\(key)")
            #expect(sample.unlabeledReason?.message.contains("bob") == true, "\(key)")
        }
        #expect(try await fixture.sample(dataset, key: "img/2.jpg")?.unlabeledReason?.code == .noSidecar)
        let jobs = try await fixture.service.listJobs(datasetId: dataset.id)
        #expect(jobs.map(\.isDefault) == [true, false])
        #expect(jobs[0].id != dataset.defaultJobId && jobs[1].id == otherJob.id)
        #expect(try await fixture.service.dataset(id: dataset.id).defaultJobId == jobs[0].id)

        // The label files did not change: a sync leaves the samples unlabeled, as ModelArts does.
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.unlabeledReason?.code == .deletedWithDefaultJob)
        #expect(try await fixture.service.dataset(id: dataset.id).counts.labeled == 0)

        let diagnosis = try await fixture.service.diagnose(datasetId: dataset.id)
        let group = try #require(diagnosis.groups.first { $0.cause == .deletedWithDefaultJob })
        #expect(group.samples.map(\.key).sorted() == ["img/1.jpg", "img/3.jpg"])
        #expect(group.explanation.contains("default labeling job was deleted"))
        #expect(group.remediations.map(\.action) == [.rereadDeletedLabels])
    }

    @Test func readingTheLabelFilesAgainRestoresWhatOBSHolds() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        try await fixture.service.deleteJob(datasetId: dataset.id, jobId: dataset.defaultJobId)

        #expect(try await fixture.service.rereadDeletedLabels(datasetId: dataset.id) == 2)
        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.sidecarsRead == 2)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["cat"])
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.labelNames == ["cat", "dog"])
        #expect(try await fixture.service.diagnose(datasetId: dataset.id).groups.allSatisfy { $0.cause != .deletedWithDefaultJob })
        #expect(try await fixture.service.rereadDeletedLabels(datasetId: dataset.id) == 0)
    }

    @Test func anotherJobGoesAloneAndAnUnknownJobIsNotFound() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "team")
        #expect(try await fixture.service.deleteJob(datasetId: dataset.id, jobId: job.id) == 0)
        #expect(try await fixture.service.dataset(id: dataset.id).counts.labeled == 2)
        await #expect(throws: LabelingError.jobNotFound(job.id, datasetId: dataset.id)) {
            try await fixture.service.deleteJob(datasetId: dataset.id, jobId: job.id)
        }
    }
}
