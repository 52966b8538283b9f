import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

/// Deleting samples with their source files takes their label files too (unless kept): an image uploaded again under
/// the same name must not pick up the old labels.
@Suite("Label files in sample deletion")
struct LabelFileDeletionTests {
    /// `1.jpg` + `1.txt` (cat), `2.jpg` without a label file, `Rabbit/3.jpg` labeled by its folder.
    private static func pets() async throws -> (LabelingFixture, Dataset) {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "one")
        fixture.storage.put("data", "img/1.txt", "cat\n")
        fixture.storage.put("data", "img/2.jpg", "two")
        fixture.storage.put("data", "img/Rabbit/3.jpg", "three")
        let dataset = try await fixture.createDataset("pets", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        return (fixture, dataset)
    }

    private static func ids(_ fixture: LabelingFixture, _ dataset: Dataset, _ keys: [String]) async throws -> [String] {
        var ids: [String] = []
        for key in keys { ids.append(try #require(try await fixture.sample(dataset, key: key)).id) }
        return ids
    }

    @Test func theImpactListsTheLabelFilesOfSamplesThatHaveOne() async throws {
        let (fixture, dataset) = try await Self.pets()
        let ids = try await Self.ids(fixture, dataset, ["img/1.jpg", "img/2.jpg", "img/Rabbit/3.jpg"])

        let impact = try await fixture.service.deletionImpact(datasetId: dataset.id, sampleIds: ids, deleteSource: true)
        #expect(impact.labelFiles.map(\.source) == ["obs://data/img/1.txt"])
        #expect(impact.labelFiles.first?.sampleIds == [ids[0]] && !impact.keepLabelFiles)
        #expect(try await fixture.service.deletionImpact(datasetId: dataset.id, sampleIds: ids, deleteSource: false).labelFiles.isEmpty)
    }

    @Test func theLabelFileGoesWithItsImageSoAReuploadedImageIsUnlabeled() async throws {
        let (fixture, dataset) = try await Self.pets()
        let ids = try await Self.ids(fixture, dataset, ["img/1.jpg"])

        let report = try await fixture.service.deleteSamples(datasetId: dataset.id, sampleIds: ids, deleteSource: true)

        #expect(report.impact.labelFiles.map(\.outcome) == [.deleted])
        #expect(fixture.storage.bytes("data", "img/1.jpg") == nil && fixture.storage.bytes("data", "img/1.txt") == nil)
        fixture.storage.put("data", "img/1.jpg", "another one")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.unlabeledReason?.code == .noSidecar)
    }

    @Test func keptLabelFilesStayAndLabelAReuploadedImage() async throws {
        let (fixture, dataset) = try await Self.pets()
        let ids = try await Self.ids(fixture, dataset, ["img/1.jpg"])

        let report = try await fixture.service.deleteSamples(datasetId: dataset.id, sampleIds: ids, deleteSource: true, keepLabelFiles: true)

        #expect(report.impact.keepLabelFiles && report.impact.labelFiles.map(\.outcome) == [nil])
        #expect(fixture.storage.bytes("data", "img/1.txt") != nil)
        fixture.storage.put("data", "img/1.jpg", "another one")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["cat"])
    }

    @Test func theDiagnosisFlagsAnotherImageThatTookAKeptLabelFile() async throws {
        let (fixture, dataset) = try await Self.pets()
        let other = try await fixture.createDataset("others", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: other.id)
        let ids = try await Self.ids(fixture, dataset, ["img/1.jpg"])
        _ = try await fixture.service.deleteSamples(datasetId: dataset.id, sampleIds: ids, deleteSource: true, keepLabelFiles: true)

        fixture.storage.put("data", "img/1.jpg", "another image")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let flagged = try await fixture.service.diagnose(datasetId: dataset.id).oldLabelFiles
        #expect(flagged.map(\.source) == ["obs://data/img/1.jpg"])
        #expect(flagged.first?.labelFile == "obs://data/img/1.txt" && flagged.first?.deletedBy == "pets")
        // The other dataset, which never synced meanwhile, has the same image on the old label file.
        _ = try await fixture.service.sync(datasetId: other.id)
        #expect(try await fixture.service.diagnose(datasetId: other.id).oldLabelFiles.map(\.key) == ["img/1.jpg"])

        // A new label file for the new image clears the flag.
        fixture.storage.put("data", "img/1.txt", "dog\n")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.service.diagnose(datasetId: dataset.id).oldLabelFiles.isEmpty)
    }

    @Test func theSameImageUploadedAgainIsNotFlagged() async throws {
        let (fixture, dataset) = try await Self.pets()
        let ids = try await Self.ids(fixture, dataset, ["img/1.jpg"])
        _ = try await fixture.service.deleteSamples(datasetId: dataset.id, sampleIds: ids, deleteSource: true, keepLabelFiles: true)
        fixture.storage.put("data", "img/1.jpg", "one")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["cat"])
        #expect(try await fixture.service.diagnose(datasetId: dataset.id).oldLabelFiles.isEmpty)
    }

    @Test func aRefusedLabelFileIsReportedAndTheSampleStillGoes() async throws {
        let (fixture, dataset) = try await Self.pets()
        let ids = try await Self.ids(fixture, dataset, ["img/1.jpg"])
        fixture.storage.refuse("img/1.txt", with: StorageError(code: "AccessDenied", message: "no", httpStatus: 403))

        let report = try await fixture.service.deleteSamples(datasetId: dataset.id, sampleIds: ids, deleteSource: true)

        #expect(report.succeeded)
        #expect(report.impact.sourceFiles.map(\.outcome) == [.deleted])
        #expect(report.impact.labelFiles.map(\.outcome) == [.failed(code: "AccessDenied", message: "no")])
        #expect(try await fixture.sample(dataset, key: "img/1.jpg") == nil)
    }
}
