import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Add data and imports")
struct ImportTests {
    static func image(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: - Add data

    @Test func addedFilesAreSamplesAtOnceAndTheNextSyncKeepsThem() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "one")
        fixture.storage.put("data", "img/1.txt", "cat\n")
        let dataset = try await fixture.createDataset("adds", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let report = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [
                NewSample(name: "2.jpg", data: Self.image("two"), annotations: [Annotation(name: "bird")], hard: true),
                NewSample(name: "3.png", data: Self.image("three")),
            ],
            author: "alice"
        )

        #expect(report.succeeded)
        #expect(report.results.map(\.source) == ["obs://data/img/2.jpg", "obs://data/img/3.png"])
        #expect(report.results.allSatisfy { $0.sampleIds.count == 1 && $0.error == nil })
        #expect(fixture.storage.bytes("data", "img/2.jpg") == Self.image("two"))
        #expect(fixture.storage.bytes("data", "img/3.png") == Self.image("three"))
        let labeled = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(labeled.id == report.results[0].sampleIds.first)
        #expect(labeled.labelNames == ["bird"])
        #expect(labeled.labeledBy == "alice")
        #expect(labeled.labelSource == nil)
        #expect(labeled.hard == true)
        let unlabeled = try #require(try await fixture.sample(dataset, key: "img/3.png"))
        #expect(unlabeled.annotations.isEmpty)
        #expect(unlabeled.unlabeledReason?.code == .noSidecar)
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.label.name) == ["cat", "bird"])

        let task = report.task
        #expect(task.kind == .add && task.status == .completed)
        #expect(task.path == "obs://data/img/")
        #expect((task.totalSampleCount, task.importedSampleCount, task.annotatedSampleCount, task.skippedCount) == (2, 2, 1, 0))
        #expect(task.author == "alice")
        #expect(try await fixture.service.importTask(datasetId: dataset.id, taskId: task.id) == task)

        let sync = try await fixture.service.sync(datasetId: dataset.id)
        #expect((sync.addedSampleCount, sync.deletedSampleCount, sync.totalSampleCount) == (0, 0, 3))
        let after = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(after.id == labeled.id)
        #expect(after.labelNames == ["bird"] && after.labeledBy == "alice" && after.hard == true)

        // A new upload of the same file keeps the labels given: only a label file decides labels.
        fixture.storage.put("data", "img/2.jpg", "two, retouched")
        let touched = try await fixture.service.sync(datasetId: dataset.id)
        #expect((touched.addedSampleCount, touched.deletedSampleCount) == (0, 0))
        let retouched = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(retouched.etag == MemoryObjectStorage.etag(Self.image("two, retouched")))
        #expect(retouched.labelNames == ["bird"])
    }

    @Test func aTakenOrBadNameFailsAloneAndNothingIsOverwritten() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/taken.jpg", "original")
        let dataset = try await fixture.createDataset("names", .imageClassification, input: "obs://data/img/")

        let report = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [
                NewSample(name: "taken.jpg", data: Self.image("replacement")),
                NewSample(name: "sub/x.jpg", data: Self.image("x")),
                NewSample(name: "notes.pdf", data: Self.image("pdf")),
                NewSample(name: "bad'name.jpg", data: Self.image("q")),
                NewSample(name: "empty.jpg", data: []),
                NewSample(name: "ok.jpg", data: Self.image("ok")),
                NewSample(name: "ok.jpg", data: Self.image("ok again")),
            ],
            author: "alice"
        )

        #expect(!report.succeeded)
        let errors = report.results.map { $0.error?.kind }
        #expect(errors == [.conflict, .invalidArgument, .invalidArgument, .invalidArgument, .invalidArgument, nil, .conflict])
        #expect(report.results[0].error?.message.contains("already exists") == true)
        #expect(fixture.storage.bytes("data", "img/taken.jpg") == Self.image("original"))
        #expect(fixture.storage.bytes("data", "img/ok.jpg") == Self.image("ok"))
        #expect(fixture.storage.bytes("data", "img/notes.pdf") == nil)
        #expect(try await fixture.samples(dataset).map(\.key) == ["img/ok.jpg"])
        #expect((report.task.totalSampleCount, report.task.importedSampleCount, report.task.skippedCount) == (7, 1, 6))
        #expect(report.task.skipped.map(\.source) == ["taken.jpg", "sub/x.jpg", "notes.pdf", "bad'name.jpg", "empty.jpg", "ok.jpg"])

        // A name a sample holds is taken even when its object is gone and no sync has noticed yet.
        fixture.storage.delete("data", "img/ok.jpg")
        let again = try await fixture.service.addSamples(datasetId: dataset.id, [NewSample(name: "ok.jpg", data: Self.image("new"))], author: "bob")
        #expect(again.results.first?.error?.kind == .conflict)
    }

    @Test func badRequestsWriteNothing() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "README", "the bucket")
        let dataset = try await fixture.createDataset("bad", .objectDetection, input: "obs://data/det/")
        let noBox = NewSample(name: "1.jpg", data: Self.image("one"), annotations: [Annotation(name: "cat")])
        await #expect(throws: LabelingError.self) {
            try await fixture.service.addSamples(datasetId: dataset.id, [noBox], author: "alice")
        }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.addSamples(datasetId: dataset.id, [], author: "alice")
        }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.addSamples(datasetId: "nope", [NewSample(name: "1.jpg", data: Self.image("one"))], author: "alice")
        }
        #expect(fixture.storage.bytes("data", "det/1.jpg") == nil)
        #expect(try await fixture.service.importTasks(datasetId: dataset.id, offset: 0, limit: 10).total == 0)

        let box = Annotation(name: "cat", shape: .boundingBox(xmin: 1, ymin: 2, xmax: 30, ymax: 40))
        let boxed = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [NewSample(name: "1.jpg", data: Self.image("one"), annotations: [box])],
            author: "alice"
        )
        #expect(boxed.succeeded)
        #expect(try await fixture.sample(dataset, key: "det/1.jpg")?.annotations.first?.shape == box.shape)
    }

    @Test func withoutLabelsAFileIsLabeledAsASyncWouldAndGivenLabelsStayUntilTheLabelFileChanges() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/5.txt", "bird\n")
        fixture.storage.put("data", "img/6.txt", "bird\n")
        let dataset = try await fixture.createDataset("sidecars", .imageClassification, input: "obs://data/img/")

        let report = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [
                NewSample(name: "5.jpg", data: Self.image("five")),
                NewSample(name: "6.jpg", data: Self.image("six"), annotations: [Annotation(name: "owl")]),
            ],
            author: "alice"
        )
        #expect(report.succeeded)
        let five = try #require(try await fixture.sample(dataset, key: "img/5.jpg"))
        #expect(five.labelNames == ["bird"])
        #expect(five.labelSource == .sidecar(key: "img/5.txt", etag: MemoryObjectStorage.etag(Array("bird\n".utf8))))
        #expect(try await fixture.sample(dataset, key: "img/6.jpg")?.labelNames == ["owl"])

        let sync = try await fixture.service.sync(datasetId: dataset.id)
        #expect((sync.addedSampleCount, sync.deletedSampleCount, sync.sidecarsRead) == (0, 0, 0))
        #expect(try await fixture.sample(dataset, key: "img/6.jpg")?.labelNames == ["owl"])

        fixture.storage.put("data", "img/6.txt", "eagle\n")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/6.jpg")?.labelNames == ["eagle"], "a changed label file is newer")
    }

    @Test func anAddedTextFileIsOneSamplePerLineWithTheLabelsInIt() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "README", "the bucket")
        let dataset = try await fixture.createDataset("texts", .textClassification, input: "obs://data/txt/")

        let report = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [NewSample(name: "reviews.txt", data: Self.image("great movie\tpositive\nbad film\tnegative\n"))],
            author: "alice"
        )

        #expect(report.succeeded)
        #expect(report.results.first?.sampleIds.count == 2)
        let samples = try await fixture.samples(dataset)
        #expect(samples.map(\.line) == [1, 2])
        #expect(samples.map(\.labelNames) == [["positive"], ["negative"]])
        #expect(samples.map(\.text) == ["great movie", "bad film"])
        #expect((report.task.importedSampleCount, report.task.annotatedSampleCount) == (2, 2))
        let sync = try await fixture.service.sync(datasetId: dataset.id)
        #expect((sync.addedSampleCount, sync.deletedSampleCount) == (0, 0))

        await #expect(throws: LabelingError.self) {
            try await fixture.service.addSamples(
                datasetId: dataset.id,
                [NewSample(name: "more.txt", data: Self.image("text"), annotations: [Annotation(name: "positive")])],
                author: "alice"
            )
        }
        let result = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [NewSample(name: "reviews_result.txt", data: Self.image("positive\n"))],
            author: "alice"
        )
        #expect(result.results.first?.error?.kind == .invalidArgument, "a _result file labels a text file; it is no sample")
    }

    @Test func addedSamplesReachTheLabelingJobs() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "README", "the bucket")
        let dataset = try await fixture.createDataset("jobs", .soundClassification, input: "obs://data/snd/")
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "listen")

        let report = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [NewSample(name: "1.wav", data: Self.image("RIFF"), annotations: [Annotation(name: "Bee")])],
            author: "alice"
        )

        #expect(report.succeeded)
        let inJob = try await fixture.samples(dataset, jobId: job.id)
        #expect(inJob.map(\.key) == ["snd/1.wav"])
        #expect(inJob.first?.labelNames == ["Bee"])
    }

    // MARK: - Folders

    @Test func aFolderInsideTheInputPathIsImportedByASyncAndOneOutsideIsRefused() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/a/1.jpg", "one")
        fixture.storage.put("data", "img/a/1.txt", "cat\n")
        fixture.storage.put("data", "img/a/2.jpg", "two")
        fixture.storage.put("data", "img/b/3.jpg", "three")
        fixture.storage.put("data", "elsewhere/4.jpg", "four")
        let dataset = try await fixture.createDataset("folders", .imageClassification, input: "obs://data/img/")

        let task = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/img/a/", author: "alice"))

        #expect(task.kind == .folder && task.status == .completed)
        #expect(task.path == "obs://data/img/a/")
        #expect((task.totalSampleCount, task.importedSampleCount, task.annotatedSampleCount) == (2, 2, 2))
        #expect(try await fixture.sample(dataset, key: "img/a/2.jpg")?.labelNames == ["a"], "labeled by its folder")
        #expect(try await fixture.samples(dataset).count == 3, "the import is a sync of the whole input path")

        let again = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "s3://data/img/a"))
        #expect((again.totalSampleCount, again.importedSampleCount) == (2, 0))

        await #expect(throws: LabelingError.self) {
            try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/elsewhere/"))
        }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/", kind: .folder))
        }
        let history = try await fixture.service.importTasks(datasetId: dataset.id, offset: 0, limit: 10)
        #expect(history.total == 2)
        #expect(history.tasks.map(\.id) == [again.id, task.id])
    }

    @Test func aFolderImportThatCannotListFails() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await fixture.createDataset("missing", .imageClassification, input: "obs://nobucket/img/")

        let task = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://nobucket/img/"))

        #expect(task.status == .failed)
        #expect(task.error?.message.contains("NoSuchBucket") == true)
        #expect(try await fixture.service.importTask(datasetId: dataset.id, taskId: task.id).status == .failed)
    }

    // MARK: - Manifests

    /// A classification label as a manifest writes it.
    static func label(_ name: String, extra: String = "") -> String {
        #"{"type":"modelarts/image_classification","name":"\#(name)"\#(extra)}"#
    }

    static let manifest = """
        {"source":"obs://data/img/1.jpg","annotation":[\(label("cat", extra: #","annotated-by":"human","creation-time":"2024-05-01 10:00:00""#))]}
        {"source":"obs://data/img/2.jpg","hard":"true","annotation":[\(label("dog")),\(label("cat"))]}
        {"source":"obs://data/img/3.jpg"}
        {"source":"obs://data/img/4.jpg","annotation":[{"type":"modelarts/object_detection","annotation-loc":"obs://data/img/4.xml"}]}
        {"source":"obs://data/other/5.jpg","annotation":[\(label("cat"))]}
        {"source":"obs://data/img/missing.jpg","annotation":[\(label("cat"))]}
        {"source":"obs://data/img/1.txt"}
        {"source":"obs://data/img/1.jpg","annotation":[\(label("horse"))]}
        {"source":"content://some text"}
        not json
        """

    static func manifestDataset(onDisk: Bool = false) async throws -> (LabelingFixture, Dataset) {
        let fixture = try LabelingFixture(onDisk: onDisk)
        for key in ["img/1.jpg", "img/2.jpg", "img/3.jpg", "img/4.jpg", "other/5.jpg"] { fixture.storage.put("data", key, key) }
        fixture.storage.put("data", "img/1.txt", "sidecar-cat\n")
        fixture.storage.put("data", "out/import.manifest", manifest)
        let dataset = try await fixture.createDataset("manifest", .imageClassification, input: "obs://data/img/")
        return (fixture, dataset)
    }

    @Test func aManifestImportsItsEntriesUnderTheInputPathWithTheirLabelsAndSaysWhyTheOthersAreSkipped() async throws {
        let (fixture, dataset) = try await Self.manifestDataset()

        let task = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/out/import.manifest", author: "alice"))

        #expect(task.kind == .manifest && task.status == .completed)
        #expect(task.path == "obs://data/out/import.manifest")
        #expect((task.totalSampleCount, task.importedSampleCount, task.annotatedSampleCount, task.skippedCount) == (10, 4, 2, 6))
        let reasons = Dictionary(task.skipped.map { ($0.source, $0.reason) }, uniquingKeysWith: { first, _ in first })
        #expect(reasons["obs://data/other/5.jpg"]?.contains("outside the dataset's input path") == true)
        #expect(reasons["obs://data/img/missing.jpg"]?.contains("no such object") == true)
        #expect(reasons["obs://data/img/1.txt"]?.contains("not a file") == true)
        #expect(reasons["obs://data/img/1.jpg"]?.contains("listed again") == true)
        #expect(reasons["content://some text"]?.contains("not an OBS object") == true)
        #expect(reasons["line 10"] != nil)

        let one = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(one.labelNames == ["cat"], "the manifest's labels, not the label file's")
        #expect(one.labelSource == .manifest(key: "out/import.manifest"))
        #expect(one.labeledBy == "human")
        let two = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(two.labelNames == ["dog", "cat"])
        #expect(two.hard == true)
        #expect(two.labeledBy == "alice")
        let three = try #require(try await fixture.sample(dataset, key: "img/3.jpg"))
        #expect(three.annotations.isEmpty && three.unlabeledReason?.code == .noSidecar)
        let four = try #require(try await fixture.sample(dataset, key: "img/4.jpg"))
        #expect(four.unlabeledReason?.code == .labelsOfAnotherType)
        #expect(try await fixture.samples(dataset).count == 4)

        // The next sync finds them all in place, and keeps the manifest's labels over the unchanged label file.
        let sync = try await fixture.service.sync(datasetId: dataset.id)
        #expect((sync.addedSampleCount, sync.deletedSampleCount) == (0, 0))
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["cat"])
        #expect(try await fixture.sample(dataset, key: "img/2.jpg")?.hard == true)
        fixture.storage.put("data", "img/1.txt", "lion\n")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["lion"])
    }

    @Test func aManifestRelabelsSamplesThatExistAndLeavesThoseItGivesNoLabels() async throws {
        let (fixture, dataset) = try await Self.manifestDataset()
        fixture.storage.put("data", "img/3.txt", "owl\n")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let before = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(before.labelNames == ["sidecar-cat"])

        let task = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "/data/out/import.manifest"))

        #expect(task.status == .completed)
        let after = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(after.id == before.id)
        #expect(after.labelNames == ["cat"])
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.labelNames == ["owl"])
        #expect(try await fixture.samples(dataset).count == 4)
    }

    @Test func manifestOptionsChooseTheEntriesAndTheLabels() async throws {
        let (fixture, dataset) = try await Self.manifestDataset()
        let path = "obs://data/out/import.manifest"

        let included = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: path, includedLabels: ["dog"]))
        #expect(included.importedSampleCount == 1)
        #expect(try await fixture.samples(dataset).map(\.key) == ["img/2.jpg"])

        let excluded = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: path, excludedLabels: ["cat"]))
        #expect(excluded.importedSampleCount == 2)
        #expect(excluded.skipped.contains { $0.source == "obs://data/img/1.jpg" && $0.reason.contains("cat") })

        let withoutLabels = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: path, importAnnotations: false))
        #expect(withoutLabels.importedSampleCount == 4)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["sidecar-cat"])
        #expect(try await fixture.sample(dataset, key: "img/2.jpg")?.labelNames == ["dog", "cat"], "an existing sample keeps its labels")

        let hardOnly = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: path, difficultOnly: true))
        #expect(hardOnly.importedSampleCount == 1)
    }

    @Test func objectDetectionLabelsComeFromThePascalVOCFilesTheManifestNames() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "det/IMG_1.jpg", "one")
        fixture.storage.put("data", "labels/IMG_1.xml", LabelingFixture.voc([("cat", [1, 2, 30, 40]), ("dog", [5, 5, 25, 35])]))
        fixture.storage.put("data", "det/IMG_2.jpg", "two")
        fixture.storage.refuse("labels/IMG_2.xml", with: StorageError(code: "AccessDenied", message: "Access Denied", httpStatus: 403))
        fixture.storage.put(
            "data",
            "det.manifest",
            """
            {"source":"obs://data/det/IMG_1.jpg","annotation":[{"type":"modelarts/object_detection",\
            "annotation-loc":"obs://data/labels/IMG_1.xml","annotation-format":"PASCAL VOC"}]}
            {"source":"obs://data/det/IMG_2.jpg","annotation":[{"type":"modelarts/object_detection",\
            "annotation-loc":"obs://data/labels/IMG_2.xml"}]}
            """
        )
        let dataset = try await fixture.createDataset("det", .objectDetection, input: "obs://data/det/")

        let task = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/det.manifest"))

        #expect((task.importedSampleCount, task.annotatedSampleCount) == (2, 1))
        let one = try #require(try await fixture.sample(dataset, key: "det/IMG_1.jpg"))
        #expect(one.labelNames == ["cat", "dog"])
        #expect(one.annotations.first?.shape == .boundingBox(xmin: 1, ymin: 2, xmax: 30, ymax: 40))
        let two = try #require(try await fixture.sample(dataset, key: "det/IMG_2.jpg"))
        #expect(two.unlabeledReason?.code == .accessDenied)
        #expect(two.unlabeledReason?.storageErrorCode == "AccessDenied")
        #expect(two.unlabeledReason?.accessDenial?.key == "labels/IMG_2.xml")
    }

    @Test func aManifestThatCannotBeReadFailsTheTaskAndBadRequestsAreRefused() async throws {
        let (fixture, dataset) = try await Self.manifestDataset()

        let missing = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/out/none.manifest"))
        #expect(missing.status == .failed)
        #expect(missing.error?.message.contains("NoSuchKey") == true)
        #expect(try await fixture.samples(dataset).isEmpty)

        fixture.storage.put("data", "out/binary.manifest", [0xff, 0xfe, 0x00])
        let binary = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/out/binary.manifest"))
        #expect(binary.status == .failed)

        await #expect(throws: LabelingError.self) {
            try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "data/out/import.manifest"))
        }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/out/", kind: .manifest))
        }
        let text = try await fixture.createDataset("text", .textClassification, input: "obs://data/img/")
        await #expect(throws: LabelingError.self) {
            try await fixture.service.importData(datasetId: text.id, ImportSpec(path: "obs://data/out/import.manifest"))
        }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.importTask(datasetId: dataset.id, taskId: "nope")
        }
        let history = try await fixture.service.importTasks(datasetId: dataset.id, offset: 1, limit: 1)
        #expect(history.total == 2)
        #expect(history.tasks.map(\.id) == [missing.id])
    }

    @Test func theHistorySurvivesARestart() async throws {
        let (fixture, dataset) = try await Self.manifestDataset(onDisk: true)
        let task = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/out/import.manifest"))

        let reopened = try fixture.reopen()
        let reread = try await reopened.importTask(datasetId: dataset.id, taskId: task.id)

        #expect(reread == task)
        #expect(try await reopened.listSamples(datasetId: dataset.id, jobId: nil, state: .all, offset: 0, limit: 10).samples.count == 4)
    }
}
