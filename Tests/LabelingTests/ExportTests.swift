import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

/// Exports to OBS: the files land in the storage, and read back through the manifest and PASCAL VOC parsers as the
/// samples' labels.
@Suite("Exports to OBS")
struct ExportTests {
    /// Three images of an object detection dataset, two labeled in PASCAL VOC files next to them.
    static func detectionDataset(_ fixture: LabelingFixture) async throws -> Dataset {
        let storage = fixture.storage
        storage.put("data", "det/a/IMG_1.jpg", "one")
        storage.put("data", "det/a/IMG_1.xml", LabelingFixture.voc([("cat", [10, 20, 50, 60]), ("dog", [1, 2, 30, 40])]))
        storage.put("data", "det/IMG_2.jpg", "two")
        storage.put("data", "det/IMG_2.xml", LabelingFixture.voc([("dog", [5, 6, 7, 8])]))
        storage.put("data", "det/IMG_3.jpg", "three")
        let dataset = try await fixture.createDataset("boxes", .objectDetection, input: "obs://data/det/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        return dataset
    }

    static func export(_ fixture: LabelingFixture, _ dataset: Dataset, _ spec: ExportSpec) async throws -> ExportTask {
        let started = try await fixture.service.startExport(datasetId: dataset.id, spec)
        #expect(started.status == .running)
        return await fixture.service.runExport(started)
    }

    @Test func aDetectionManifestPointsToPascalVOCFilesThatHoldTheLabels() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await Self.detectionDataset(fixture)
        let task = try await Self.export(fixture, dataset, ExportSpec(path: "obs://out/exports/"))

        #expect(task.status == .completed)
        #expect(task.error == nil)
        #expect((task.totalSampleCount, task.finishedSampleCount) == (3, 3))
        #expect(task.manifestPath == "obs://out/exports/boxes.manifest")
        #expect(task.fileCount == 3, "two PASCAL VOC files and the manifest")
        let manifest = try Manifest.parse(try #require(fixture.storage.bytes("out", "exports/boxes.manifest")))
        #expect(manifest.skipped.isEmpty)
        #expect(manifest.entries.map(\.source) == ["obs://data/det/IMG_2.jpg", "obs://data/det/IMG_3.jpg", "obs://data/det/a/IMG_1.jpg"])
        let samples = try await fixture.samples(dataset)
        for entry in manifest.entries {
            let sample = try #require(samples.first { "obs://\($0.bucket)/\($0.key)" == entry.source })
            guard let annotation = entry.annotations.first else {
                #expect(sample.annotations.isEmpty)
                continue
            }
            #expect(annotation.type == "modelarts/object_detection")
            #expect(annotation.annotationFormat == "PASCAL VOC")
            let location = try #require(annotation.annotationLoc)
            let key = String(location.dropFirst("obs://out/".count))
            let voc = try PascalVOC.parse(try #require(fixture.storage.bytes("out", key)))
            #expect(voc.annotations == sample.annotations)
        }
        #expect(fixture.storage.bytes("out", "exports/annotation/a/IMG_1.xml") != nil)
        #expect(fixture.storage.bytes("out", "exports/annotation/IMG_3.xml") == nil)
    }

    @Test func aPascalVOCExportWritesOneFilePerLabeledImageAndNoManifest() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await Self.detectionDataset(fixture)
        let task = try await Self.export(fixture, dataset, ExportSpec(path: "obs://out/voc/", format: .pascalVOC))

        #expect(task.status == .completed)
        #expect((task.totalSampleCount, task.finishedSampleCount) == (2, 2), "IMG_3.jpg has no labels to write")
        #expect(task.fileCount == 2 && task.manifestPath == nil)
        let written = try await fixture.storage.listObjects(bucket: "out", prefix: "", startAfter: nil, maxKeys: 100)
        #expect(written.objects.map(\.key) == ["voc/IMG_2.xml", "voc/a/IMG_1.xml"])
        #expect(fixture.storage.bytes("out", "voc/boxes.manifest") == nil)
        let samples = try await fixture.samples(dataset)
        let first = try PascalVOC.parse(try #require(fixture.storage.bytes("out", "voc/a/IMG_1.xml")))
        #expect(first.annotations == samples.first { $0.key == "det/a/IMG_1.jpg" }?.annotations)
        #expect(first.annotations.map(\.name) == ["cat", "dog"])
    }

    @Test(arguments: [
        (ExportSpec.Selection.labeled, ["obs://data/det/IMG_2.jpg", "obs://data/det/a/IMG_1.jpg"]),
        (.unlabeled, ["obs://data/det/IMG_3.jpg"]),
        (.all, ["obs://data/det/IMG_2.jpg", "obs://data/det/IMG_3.jpg", "obs://data/det/a/IMG_1.jpg"]),
    ])
    func theSelectionChoosesTheSamples(_ selection: ExportSpec.Selection, _ sources: [String]) async throws {
        let fixture = try LabelingFixture()
        let dataset = try await Self.detectionDataset(fixture)
        let task = try await Self.export(fixture, dataset, ExportSpec(path: "obs://out/sel/", selection: selection))

        #expect(task.totalSampleCount == sources.count)
        let manifest = try Manifest.parse(try #require(fixture.storage.bytes("out", "sel/boxes.manifest")))
        #expect(manifest.entries.map(\.source) == sources)
    }

    @Test func theS3SchemeIsUsedForEveryLocationOfTheManifest() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await Self.detectionDataset(fixture)
        _ = try await Self.export(fixture, dataset, ExportSpec(path: "/out/s3/", sourceScheme: "s3://"))

        let manifest = try Manifest.parse(try #require(fixture.storage.bytes("out", "s3/boxes.manifest")))
        #expect(manifest.entries.allSatisfy { $0.source.hasPrefix("s3://data/det/") })
        #expect(manifest.entries.flatMap(\.annotations).allSatisfy { $0.annotationLoc?.hasPrefix("s3://out/s3/annotation/") == true })
    }

    @Test func classificationLabelsAndHardExamplesGoIntoTheManifestUnlessCleared() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "one")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        let dataset = try await fixture.createDataset("pets", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let sample = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        let hard = try HardExample(isHard: true)
        let update = SampleLabelUpdate(sampleId: sample.id, annotations: [Annotation(name: "Cat")], hard: hard)
        _ = try await fixture.service.updateSampleLabels(datasetId: dataset.id, jobId: nil, [update], author: "alice")

        _ = try await Self.export(fixture, dataset, ExportSpec(path: "obs://out/kept/", clearsHardExamples: false))
        _ = try await Self.export(fixture, dataset, ExportSpec(path: "obs://out/cleared/"))

        let kept = try Manifest.parse(try #require(fixture.storage.bytes("out", "kept/pets.manifest"))).entries
        #expect(kept.map { $0.annotations.compactMap(\.name) } == [["Cat"]])
        #expect(kept.map(\.hard) == [true])
        let cleared = try Manifest.parse(try #require(fixture.storage.bytes("out", "cleared/pets.manifest"))).entries
        #expect(cleared.map(\.hard) == [nil])
    }

    @Test func pascalVOCIsForObjectDetectionOnly() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await fixture.createDataset("pets", .imageClassification, input: "obs://data/img/")
        let error = await #expect(throws: LabelingError.self) {
            try await fixture.service.startExport(datasetId: dataset.id, ExportSpec(path: "obs://out/x/", format: .pascalVOC))
        }
        #expect(error?.code == .invalidArgument)
        let none = await #expect(throws: LabelingError.self) {
            try await fixture.service.startExport(datasetId: dataset.id, ExportSpec(path: "out/x/"))
        }
        #expect(none?.code == .invalidArgument)
    }

    @Test func aBucketThatRefusesTheServiceFailsTheTaskNamingIt() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await Self.detectionDataset(fixture)
        fixture.storage.refuseBucket("locked", with: StorageError(code: "AccessDenied", message: "Access Denied", httpStatus: 403))
        let task = try await Self.export(fixture, dataset, ExportSpec(path: "obs://locked/exports/"))

        #expect(task.status == .failed)
        #expect(task.fileCount == 0 && task.manifestPath == nil)
        #expect(task.error?.message.contains("obs://locked/exports/") == true)
        let stored = try await fixture.service.exportTask(datasetId: dataset.id, taskId: task.id)
        #expect(stored.status == .failed)
        #expect(stored.error == task.error)
    }

    /// A task recorded as running that no process runs (obslab stopped while it ran) says it was interrupted.
    @Test func aTaskCutShortByAStopSaysItWasInterrupted() async throws {
        let fixture = try LabelingFixture(onDisk: true)
        let dataset = try await Self.detectionDataset(fixture)
        let started = try await fixture.service.startExport(datasetId: dataset.id, ExportSpec(path: "obs://out/cut/"))

        let reopened = try fixture.reopen()
        let task = try await reopened.exportTask(datasetId: dataset.id, taskId: started.id)
        #expect(task.status == .failed)
        #expect(task.error?.code == .exportFailed && task.error?.message.contains("interrupted") == true)
        #expect(try await reopened.exportTasks(datasetId: dataset.id, offset: 0, limit: 10).tasks.map(\.status) == [.failed])
    }

    @Test func theTasksAreListedNewestFirstAndByTheirSelection() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await Self.detectionDataset(fixture)
        let first = try await Self.export(fixture, dataset, ExportSpec(path: "obs://out/1/", selection: .labeled))
        let second = try await Self.export(fixture, dataset, ExportSpec(path: "obs://out/2/"))

        let all = try await fixture.service.exportTasks(datasetId: dataset.id, offset: 0, limit: 10)
        #expect(all.total == 2)
        #expect(all.tasks.map(\.id) == [second.id, first.id])
        let labeled = try await fixture.service.exportTasks(datasetId: dataset.id, selection: .labeled, offset: 0, limit: 10)
        #expect(labeled.tasks.map(\.id) == [first.id])
        #expect(labeled.total == 1)
        let unknown = await #expect(throws: LabelingError.self) {
            try await fixture.service.exportTask(datasetId: dataset.id, taskId: "nope")
        }
        #expect(unknown?.code == .exportTaskNotFound)
    }
}
