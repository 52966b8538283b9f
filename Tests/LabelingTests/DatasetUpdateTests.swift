import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Modifying a dataset and hard examples")
struct DatasetUpdateTests {
    @Test func anUpdateRenamesDescribesAndChangesTheLabelSet() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let update = DatasetUpdate(
            name: "pets-2",
            description: "renamed",
            addLabels: [Label(name: "owl", type: 0, color: "#123456")],
            updateLabels: [LabelChange(name: "cat", color: "#ff0000")],
            deleteLabels: ["dog"]
        )
        try await fixture.service.updateDataset(id: dataset.id, update, author: "alice")

        let after = try await fixture.service.dataset(id: dataset.id)
        #expect(after.name == "pets-2" && after.description == "renamed")
        #expect(Set(after.labels.map(\.name)) == ["cat", "owl"])
        #expect(after.labels.first { $0.name == "cat" }?.color == "#ff0000")
        let three = try #require(try await fixture.sample(after, key: "img/3.jpg"))
        #expect(three.labelNames == ["cat"])
        #expect(after.updatedAt >= dataset.updatedAt)
    }

    @Test func aBadPartChangesNothing() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let other = try await fixture.createDataset("other", .imageClassification, input: "obs://data/other/")
        let bad: [(DatasetUpdate, LabelingError.Code)] = [
            (DatasetUpdate(name: "renamed", deleteLabels: ["emu"]), .labelNotFound),
            (DatasetUpdate(description: "x", updateLabels: [LabelChange(name: "cat")], deleteLabels: ["cat"]), .invalidArgument),
            (DatasetUpdate(name: "renamed", addLabels: [Label(name: "cat", type: 0)]), .duplicateName),
            (DatasetUpdate(name: "renamed", addLabels: [Label(name: "box", type: 1)]), .invalidArgument),
            (DatasetUpdate(name: "bad name!"), .invalidArgument),
            (DatasetUpdate(description: "x", currentVersionId: "0123456789abcdef0123456789abcdef"), .invalidArgument),
            (DatasetUpdate(name: other.name, description: "x"), .duplicateName),
        ]
        for (update, code) in bad {
            await #expect(throws: LabelingError.self) { try await fixture.service.updateDataset(id: dataset.id, update, author: "alice") }
            do {
                try await fixture.service.updateDataset(id: dataset.id, update, author: "alice")
            } catch let error as LabelingError {
                #expect(error.code == code, "\(update)")
            }
        }
        let after = try await fixture.service.dataset(id: dataset.id)
        #expect(after.name == dataset.name && after.description == dataset.description)
        #expect(Set(after.labels.map(\.name)) == ["cat", "dog"])
    }

    @Test func theCurrentVersionIsTheChosenOneUntilANewOne() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let first = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())
        let second = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())
        #expect(try await fixture.service.version(datasetId: dataset.id, versionId: second.id).isCurrent)

        try await fixture.service.updateDataset(id: dataset.id, DatasetUpdate(currentVersionId: first.id), author: "alice")
        #expect(try await fixture.service.version(datasetId: dataset.id, versionId: first.id).isCurrent)
        #expect(try await !fixture.service.version(datasetId: dataset.id, versionId: second.id).isCurrent)

        let third = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())
        #expect(try await fixture.service.version(datasetId: dataset.id, versionId: third.id).isCurrent)
        #expect(try await !fixture.service.version(datasetId: dataset.id, versionId: first.id).isCurrent)
    }

    @Test func hardExamplesAreSetAndClearedWithTheirReasons() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let sample = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        let hard = try HardExample(isHard: true, reasons: [1, 3], coefficient: 0.5)
        let update = SampleLabelUpdate(sampleId: sample.id, annotations: [Annotation(name: "cat")], hard: hard)
        _ = try await fixture.service.updateSampleLabels(datasetId: dataset.id, jobId: nil, [update], author: "alice")
        let marked = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(marked.hard == true && marked.hardReasons == [1, 3] && marked.hardCoefficient == 0.5)

        // An update without a hard-example state keeps it; not hard clears the reasons and the coefficient.
        _ = try await fixture.service.updateSampleLabels(
            datasetId: dataset.id, jobId: nil, [SampleLabelUpdate(sampleId: sample.id, annotations: [])], author: "alice")
        #expect(try await fixture.sample(dataset, key: "img/2.jpg")?.hardReasons == [1, 3])
        let clear = SampleLabelUpdate(sampleId: sample.id, annotations: [], hard: try HardExample(isHard: false))
        _ = try await fixture.service.updateSampleLabels(datasetId: dataset.id, jobId: nil, [clear], author: "alice")
        let cleared = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(cleared.hard == false && cleared.hardReasons == nil && cleared.hardCoefficient == nil)
    }

    @Test func jobsAreRenamedAndDeletedButNotTheDefaultOne() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "first")
        _ = try await fixture.service.createJob(datasetId: dataset.id, name: "taken")
        let renamed = try await fixture.service.updateJob(datasetId: dataset.id, jobId: job.id, name: "second", description: "again")
        #expect(renamed.name == "second" && renamed.description == "again" && renamed.updatedAt >= job.createdAt)
        #expect(try await fixture.service.job(datasetId: dataset.id, jobId: job.id) == renamed)
        await #expect(throws: LabelingError.self) {
            try await fixture.service.updateJob(datasetId: dataset.id, jobId: job.id, name: "taken", description: nil)
        }
        #expect(try await fixture.service.datasetActivity(id: dataset.id).jobCount == 2)

        try await fixture.service.deleteJob(datasetId: dataset.id, jobId: job.id)
        await #expect(throws: LabelingError.jobNotFound(job.id, datasetId: dataset.id)) {
            try await fixture.service.job(datasetId: dataset.id, jobId: job.id)
        }
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.labelNames == ["cat", "dog"])
        #expect(try await fixture.service.listJobs(datasetId: dataset.id).count == 2)
    }

    @Test func activityCountsVersionsDeletedSamplesAndTheLastDataChange() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let fresh = try await fixture.service.datasetActivity(id: dataset.id)
        #expect(fresh.currentVersionId == nil && fresh.versionCount == 0 && fresh.nextVersionNumber == 1 && fresh.deletedSampleCount == 0)
        let version = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())
        let sample = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        _ = try await fixture.service.deleteSamples(datasetId: dataset.id, sampleIds: [sample.id], deleteSource: false)
        let after = try await fixture.service.datasetActivity(id: dataset.id)
        #expect(after.currentVersionId == version.id && after.currentVersionName == "V001")
        #expect(after.versionCount == 1 && after.nextVersionNumber == 2 && after.deletedSampleCount == 1)
        #expect(after.dataUpdatedAt > fresh.dataUpdatedAt)
    }

    @Test(arguments: [
        (true, [31], nil as Double?),
        (true, [-1], nil),
        (true, [], 1.5),
        (false, [2], nil),
        (false, [], 0.3),
    ])
    func badHardExamplesAreRefused(isHard: Bool, reasons: [Int], coefficient: Double?) {
        #expect(throws: LabelingError.self) { try HardExample(isHard: isHard, reasons: reasons, coefficient: coefficient) }
    }
}
