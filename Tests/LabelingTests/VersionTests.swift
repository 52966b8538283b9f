import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Dataset versions")
struct VersionTests {
    /// Three images, two labeled; the manifest lists all three with their labels, where ModelArts puts it.
    @Test func publishWritesTheManifestAndFreezesTheSamples() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        storage.put("data", "img/1.jpg", "one")
        storage.put("data", "img/1.txt", "Cat\nDog\n")
        storage.put("data", "img/2.jpg", "two")
        storage.put("data", "img/2.txt", "Dog\n")
        storage.put("data", "img/3.jpg", "three")
        let dataset = try await fixture.createDataset("pets", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let version = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec(description: "first"))

        #expect(version.name == "V001")
        #expect(version.isCurrent)
        #expect(version.previousVersionId == nil)
        #expect(version.totalSampleCount == 3)
        #expect(version.annotatedSampleCount == 2)
        #expect(version.addedSampleCount == 3)
        #expect(version.hasMultiLabelSamples)
        #expect(version.manifestPath == "obs://output/pets/pets-\(dataset.id)/annotation/V001/V001.manifest")
        let statistics = Dictionary(uniqueKeysWithValues: version.labelStatistics.map { ($0.label.name, $0.sampleCount) })
        #expect(statistics == ["Cat": 1, "Dog": 2])

        let bytes = try #require(storage.bytes("output", "pets/pets-\(dataset.id)/annotation/V001/V001.manifest"))
        let manifest = try Manifest.parse(bytes)
        #expect(manifest.skipped.isEmpty)
        #expect(manifest.entries.map(\.source) == ["obs://data/img/1.jpg", "obs://data/img/2.jpg", "obs://data/img/3.jpg"])
        #expect(manifest.entries.map { $0.annotations.compactMap(\.name) } == [["Cat", "Dog"], ["Dog"], []])
        #expect(manifest.entries[0].annotations.allSatisfy { $0.type == "modelarts/image_classification" })
    }

    @Test func theNextVersionCountsWhatChangedAndBecomesCurrent() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        for index in 1...3 {
            storage.put("data", "img/\(index).jpg", "image \(index)")
            storage.put("data", "img/\(index).txt", "Cat\n")
        }
        let dataset = try await fixture.createDataset("counting", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let first = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())

        storage.put("data", "img/2.txt", "Dog\n")
        storage.delete("data", "img/3.jpg")
        storage.put("data", "img/4.jpg", "image 4")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let second = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())

        #expect(second.name == "V002")
        #expect(second.previousVersionId == first.id)
        #expect((second.addedSampleCount, second.modifiedSampleCount, second.deletedSampleCount) == (1, 1, 1))
        let (versions, total) = try await fixture.service.listVersions(datasetId: dataset.id, offset: 0, limit: 10)
        #expect(total == 2)
        #expect(versions.map(\.name) == ["V002", "V001"])
        #expect(versions.map(\.isCurrent) == [true, false])
        #expect(try await fixture.service.version(datasetId: dataset.id, versionId: first.id).isCurrent == false)
    }

    @Test func detectionVersionsWriteOnePascalVOCFilePerLabeledImage() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "det/a/IMG_1.jpg", "jpeg")
        fixture.storage.put("data", "det/a/IMG_1.xml", LabelingFixture.voc([("car", [1, 2, 30, 40])]))
        let dataset = try await fixture.createDataset("cars", .objectDetection, input: "obs://data/det/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let version = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec(name: "first-cut"))

        let folder = "cars/cars-\(dataset.id)/annotation/first-cut/"
        let manifest = try Manifest.parse(try #require(fixture.storage.bytes("output", folder + "first-cut.manifest")))
        let annotation = try #require(manifest.entries.first?.annotations.first)
        #expect(annotation.annotationLoc == "obs://output/\(folder)annotation/a/IMG_1.xml")
        #expect(annotation.annotationFormat == "PASCAL VOC")
        let voc = try PascalVOC.parse(try #require(fixture.storage.bytes("output", folder + "annotation/a/IMG_1.xml")))
        #expect(voc.annotations.map(\.name) == ["car"])
        #expect(version.name == "first-cut")
    }

    @Test func badNamesDuplicatesAndUnknownVersionsAreRefused() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "one")
        let dataset = try await fixture.createDataset("names", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec(name: "V001"))

        await #expect(throws: LabelingError.self) { try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec(name: "bad name!")) }
        let duplicate = await #expect(throws: LabelingError.self) {
            try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec(name: "V001"))
        }
        #expect(duplicate?.kind == .conflict)
        let unknown = await #expect(throws: LabelingError.self) { try await fixture.service.version(datasetId: dataset.id, versionId: "nope") }
        #expect(unknown?.kind == .notFound)
        #expect(try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec()).name == "V002")
    }

    /// A storage that refuses the manifest (a KMS key the service may not use) leaves no version behind.
    @Test func aRefusedManifestRecordsNothing() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "one")
        let dataset = try await fixture.createDataset("refused", .imageClassification, input: "obs://data/img/")
        fixture.storage.refuse(
            "refused/refused-\(dataset.id)/annotation/V001/V001.manifest",
            with: StorageError(code: "KMS.AccessDeniedException", message: "not granted", httpStatus: 403)
        )

        let error = await #expect(throws: LabelingError.self) { try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec()) }

        #expect(error?.message.contains("KMS.AccessDeniedException") == true)
        #expect(try await fixture.service.listVersions(datasetId: dataset.id, offset: 0, limit: 10).total == 0)
    }

    @Test func deletingAVersionKeepsItsManifest() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "one")
        let dataset = try await fixture.createDataset("keep", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let version = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())

        try await fixture.service.deleteVersion(datasetId: dataset.id, versionId: version.id)

        #expect(try await fixture.service.listVersions(datasetId: dataset.id, offset: 0, limit: 10).total == 0)
        #expect(fixture.storage.bytes("output", "keep/keep-\(dataset.id)/annotation/V001/V001.manifest") != nil)
        await #expect(throws: LabelingError.self) { try await fixture.service.deleteVersion(datasetId: dataset.id, versionId: version.id) }
    }

    /// ModelArts clears the hard-example flags on release unless asked not to (`clear_hard_property: false`).
    @Test func hardExamplesReachTheManifestOnlyWhenKept() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "README", "a bucket exists in memory once it holds an object")
        let dataset = try await fixture.createDataset("hard", .imageClassification, input: "obs://data/img/")
        let cat = Annotation(name: "cat")
        let added = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [NewSample(name: "1.jpg", data: Array("one".utf8), annotations: [cat], hard: true), NewSample(name: "2.jpg", data: Array("two".utf8))],
            author: "alice"
        )
        #expect(added.results.allSatisfy { $0.error == nil })

        let cleared = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())
        let kept = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec(clearsHardExamples: false))

        func hardFlags(_ version: DatasetVersion) throws -> [Bool?] {
            let key = String(version.manifestPath.dropFirst("obs://output/".count))
            return try Manifest.parse(try #require(fixture.storage.bytes("output", key))).entries.map(\.hard)
        }
        #expect(try hardFlags(cleared) == [nil, nil])
        #expect(try hardFlags(kept) == [true, nil])
    }
}
