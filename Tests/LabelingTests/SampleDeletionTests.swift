import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Sample deletion and its impact")
struct SampleDeletionTests {
    /// Dataset "all" over img/, dataset "cats" over img/cats/ with a published version: deleting cats/1.jpg from "all"
    /// with its source breaks the "cats" sample and V001.
    private static func twoDatasetsSharingFiles() async throws -> (LabelingFixture, all: Dataset, cats: Dataset, version: DatasetVersion) {
        let fixture = try LabelingFixture()
        for index in 1...3 {
            fixture.storage.put("data", "img/cats/\(index).jpg", "cat \(index)")
            fixture.storage.put("data", "img/cats/\(index).txt", "Cat\n")
        }
        fixture.storage.put("data", "img/dog.jpg", "dog")
        let all = try await fixture.createDataset("all", .imageClassification, input: "obs://data/img/")
        let cats = try await fixture.createDataset("cats", .imageClassification, input: "obs://data/img/cats/")
        _ = try await fixture.service.sync(datasetId: all.id)
        _ = try await fixture.service.sync(datasetId: cats.id)
        let version = try await fixture.service.publishVersion(datasetId: cats.id, VersionSpec())
        return (fixture, all, cats, version)
    }

    @Test func theImpactNamesOtherDatasetsAndVersionsAndChangesNothing() async throws {
        let (fixture, all, cats, version) = try await Self.twoDatasetsSharingFiles()
        let target = try #require(try await fixture.sample(all, key: "img/cats/1.jpg"))
        let dog = try #require(try await fixture.sample(all, key: "img/dog.jpg"))
        let catsSample = try #require(try await fixture.sample(cats, key: "img/cats/1.jpg"))

        let impact = try await fixture.service.deletionImpact(datasetId: all.id, sampleIds: [target.id, dog.id], deleteSource: true)

        #expect(impact.deleteSource)
        #expect(impact.breaksOthers)
        #expect(impact.sourceFiles.map(\.source) == ["obs://data/img/cats/1.jpg", "obs://data/img/dog.jpg"])
        #expect(impact.sourceFiles.allSatisfy { $0.outcome == nil && $0.versioningEnabled == false })
        #expect(impact.otherDatasets.map(\.datasetName) == ["cats"])
        #expect(impact.otherDatasets.first?.samples.map(\.sampleId) == [catsSample.id])
        #expect(impact.versions.map(\.versionId) == [version.id])
        #expect(impact.versions.first?.sources == ["obs://data/img/cats/1.jpg"])
        #expect(fixture.storage.bytes("data", "img/cats/1.jpg") != nil)
        #expect(try await fixture.sample(all, key: "img/cats/1.jpg") != nil)

        let withoutSource = try await fixture.service.deletionImpact(datasetId: all.id, sampleIds: [target.id], deleteSource: false)
        #expect(!withoutSource.breaksOthers)
    }

    @Test func deletingWithTheSourceBreaksOthersAndTheSourceCheckSaysWho() async throws {
        let (fixture, all, cats, version) = try await Self.twoDatasetsSharingFiles()
        let target = try #require(try await fixture.sample(all, key: "img/cats/1.jpg"))
        let catsSample = try #require(try await fixture.sample(cats, key: "img/cats/1.jpg"))
        #expect(try await fixture.service.checkSources(datasetId: cats.id).isIntact)

        let report = try await fixture.service.deleteSamples(datasetId: all.id, sampleIds: [target.id, "unknown"], deleteSource: true)

        #expect(report.results.map(\.sampleId) == [target.id, "unknown"])
        #expect(report.results[0].error == nil)
        #expect(report.results[1].error?.kind == .notFound)
        #expect(!report.succeeded)
        #expect(report.impact.sourceFiles.map(\.outcome) == [.deleted])
        #expect(report.impact.otherDatasets.map(\.datasetId) == [cats.id])
        #expect(fixture.storage.bytes("data", "img/cats/1.jpg") == nil)
        #expect(try await fixture.sample(all, key: "img/cats/1.jpg") == nil)

        let check = try await fixture.service.checkSources(datasetId: cats.id)
        #expect(!check.isIntact)
        #expect(check.checkedSampleCount == 3)
        #expect(check.missingSamples.map(\.sampleId) == [catsSample.id])
        let deletion = try #require(check.missingSamples.first?.deletion)
        #expect((deletion.datasetId, deletion.datasetName, deletion.sampleId) == (all.id, "all", target.id))
        #expect(deletion.deleteMarkerVersionId == nil)
        #expect(check.versions.map(\.versionId) == [version.id])
        #expect(check.versions.first?.missing.map(\.source) == ["obs://data/img/cats/1.jpg"])

        // The other dataset's next sync removes the broken sample; the version stays broken.
        #expect(try await fixture.service.sync(datasetId: cats.id).deletedSampleCount == 1)
        let after = try await fixture.service.checkSources(datasetId: cats.id)
        #expect(after.missingSamples.isEmpty)
        #expect(after.versions.first?.missing.count == 1)
    }

    @Test func aVersionedBucketKeepsADeleteMarkerThatBringsTheFileBack() async throws {
        let (fixture, all, cats, _) = try await Self.twoDatasetsSharingFiles()
        fixture.storage.enableVersioning("data")
        let target = try #require(try await fixture.sample(all, key: "img/cats/2.jpg"))

        let report = try await fixture.service.deleteSamples(datasetId: all.id, sampleIds: [target.id], deleteSource: true)

        #expect(report.impact.sourceFiles.first?.versioningEnabled == true)
        guard case .deleteMarker(let marker)? = report.impact.sourceFiles.first?.outcome else {
            Issue.record("expected a delete marker, got \(String(describing: report.impact.sourceFiles.first?.outcome))")
            return
        }
        let check = try await fixture.service.checkSources(datasetId: cats.id)
        #expect(check.missingSamples.first?.deletion?.deleteMarkerVersionId == marker)

        fixture.storage.put("data", "img/cats/2.jpg", "cat 2")
        #expect(try await fixture.service.checkSources(datasetId: cats.id).isIntact)
    }

    @Test func aRefusedSourceDeletionKeepsTheSample() async throws {
        let (fixture, all, _, _) = try await Self.twoDatasetsSharingFiles()
        let target = try #require(try await fixture.sample(all, key: "img/dog.jpg"))
        fixture.storage.refuse("img/dog.jpg", with: StorageError(code: "AccessDenied", message: "no", httpStatus: 403))

        let report = try await fixture.service.deleteSamples(datasetId: all.id, sampleIds: [target.id], deleteSource: true)

        #expect(report.results.first?.error?.message.contains("AccessDenied") == true)
        #expect(report.impact.sourceFiles.first?.outcome == .failed(code: "AccessDenied", message: "no"))
        #expect(try await fixture.sample(all, key: "img/dog.jpg") != nil)
    }

    /// Without its source, a deleted sample stays deleted through syncs until its file changes.
    @Test func aSampleDeletedWithoutItsSourceComesBackOnlyWhenTheFileChanges() async throws {
        let (fixture, all, _, _) = try await Self.twoDatasetsSharingFiles()
        let target = try #require(try await fixture.sample(all, key: "img/dog.jpg"))

        let report = try await fixture.service.deleteSamples(datasetId: all.id, sampleIds: [target.id], deleteSource: false)

        #expect(report.succeeded)
        #expect(report.impact.sourceFiles.allSatisfy { $0.outcome == nil })
        #expect(fixture.storage.bytes("data", "img/dog.jpg") != nil)
        #expect(try await fixture.service.sync(datasetId: all.id).addedSampleCount == 0)
        #expect(try await fixture.sample(all, key: "img/dog.jpg") == nil)

        fixture.storage.put("data", "img/dog.jpg", "another dog")
        #expect(try await fixture.service.sync(datasetId: all.id).addedSampleCount == 1)
        #expect(try await fixture.sample(all, key: "img/dog.jpg") != nil)
    }

    @Test func textDatasetsNeverDeleteTheirSharedFiles() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "text/reviews.txt", "good\nbad\n")
        let dataset = try await fixture.createDataset("reviews", .textClassification, input: "obs://data/text/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let first = try #require(try await fixture.sample(dataset, key: "text/reviews.txt", line: 1))

        let report = try await fixture.service.deleteSamples(datasetId: dataset.id, sampleIds: [first.id], deleteSource: true)

        #expect(!report.impact.deleteSource)
        #expect(fixture.storage.bytes("data", "text/reviews.txt") != nil)
        #expect(try await fixture.service.sync(datasetId: dataset.id).addedSampleCount == 0)
        #expect(try await fixture.samples(dataset).map(\.line) == [2])
    }

    @Test func anEmptyOrOversizedListIsRefused() async throws {
        let (fixture, all, _, _) = try await Self.twoDatasetsSharingFiles()
        await #expect(throws: LabelingError.self) { try await fixture.service.deleteSamples(datasetId: all.id, sampleIds: [], deleteSource: false) }
        let many = (0...1000).map { "id\($0)" }
        let error = await #expect(throws: LabelingError.self) {
            try await fixture.service.deletionImpact(datasetId: all.id, sampleIds: many, deleteSource: false)
        }
        #expect(error?.kind == .invalidArgument)
    }
}
