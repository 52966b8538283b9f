import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Editing sample labels")
struct LabelEditingTests {
    /// `1.jpg` labeled cat by its label file, `2.jpg` without one, `3.jpg` labeled cat and dog.
    static func pets() async throws -> (LabelingFixture, Dataset) {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "one")
        fixture.storage.put("data", "img/1.txt", "cat\n")
        fixture.storage.put("data", "img/2.jpg", "two")
        fixture.storage.put("data", "img/3.jpg", "three")
        fixture.storage.put("data", "img/3.txt", "cat\ndog\n")
        let dataset = try await fixture.createDataset("pets", .imageClassification, input: "obs://data/img/", labels: [Label(name: "cat", type: 0)])
        _ = try await fixture.service.sync(datasetId: dataset.id)
        return (fixture, dataset)
    }

    static func set(
        _ fixture: LabelingFixture,
        _ dataset: Dataset,
        _ labels: [String: [Annotation]],
        job: String? = nil,
        author: String = "alice"
    ) async throws -> [SampleUpdateResult] {
        var updates: [SampleLabelUpdate] = []
        for (key, annotations) in labels.sorted(by: { $0.key < $1.key }) {
            let sample = try #require(try await fixture.sample(dataset, key: key))
            updates.append(SampleLabelUpdate(sampleId: sample.id, annotations: annotations))
        }
        return try await fixture.service.updateSampleLabels(datasetId: dataset.id, jobId: job, updates, author: author)
    }

    @Test func aUserSetsAndClearsLabelsAndIsRecordedAsTheirAuthor() async throws {
        let (fixture, dataset) = try await Self.pets()
        let before = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(before.labeledBy == "sync")

        let results = try await Self.set(
            fixture,
            dataset,
            ["img/1.jpg": [], "img/2.jpg": [Annotation(name: "bird", properties: [Annotation.colorProperty: "#123456"])]]
        )

        #expect(results.allSatisfy { $0.error == nil })
        let cleared = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(!cleared.isLabeled)
        #expect(cleared.labeledBy == "alice")
        #expect(cleared.labelSource == nil)
        #expect(cleared.unlabeledReason?.code == .clearedByUser)
        #expect(cleared.unlabeledReason?.message.contains("alice") == true)
        let diagnosis = try await fixture.service.diagnose(datasetId: dataset.id)
        #expect(diagnosis.groups.first { $0.cause == .clearedByUser }?.samples.map(\.key) == ["img/1.jpg"])
        #expect(cleared.updatedAt > before.updatedAt)
        let labeled = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(labeled.labelNames == ["bird"])
        #expect(labeled.labeledBy == "alice")
        #expect(labeled.unlabeledReason == nil)
        // The new name joined the label set with the color it came with, which the sample then does not repeat.
        let labels = try await fixture.service.labels(datasetId: dataset.id)
        #expect(labels.map(\.label.name) == ["cat", "dog", "bird"])
        #expect(labels.last?.label.color == "#123456")
        #expect(labels.last?.sampleCount == 1)
        #expect(labeled.annotations.first?.color == nil)
        let counts = try await fixture.service.sampleCounts(datasetId: dataset.id, jobId: nil)
        #expect((counts.labeled, counts.unlabeled) == (2, 1))
    }

    @Test func anUnknownSampleFailsAloneAndABadRequestChangesNothing() async throws {
        let (fixture, dataset) = try await Self.pets()
        let sample = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        let results = try await fixture.service.updateSampleLabels(
            datasetId: dataset.id,
            jobId: nil,
            [
                SampleLabelUpdate(sampleId: "nope", annotations: [Annotation(name: "ghost")]),
                SampleLabelUpdate(sampleId: sample.id, annotations: [Annotation(name: "dog")]),
            ],
            author: "alice"
        )
        #expect(results.map(\.sampleId) == ["nope", sample.id])
        #expect(results[0].error?.kind == .notFound)
        #expect(results[1].error == nil)
        #expect(try await fixture.sample(dataset, key: "img/2.jpg")?.labelNames == ["dog"])
        #expect(!(try await fixture.service.labels(datasetId: dataset.id)).map(\.label.name).contains("ghost"))

        let invalid: [[Annotation]] = [
            [Annotation(name: "")],
            [Annotation(name: "a\nb")],
            [Annotation(name: "cat", properties: [Annotation.colorProperty: "red"])],
            [Annotation(name: "cat", shape: .point(Point(x: 1, y: 2)))],
        ]
        for annotations in invalid {
            let error = await #expect(throws: LabelingError.self) {
                try await fixture.service.updateSampleLabels(
                    datasetId: dataset.id, jobId: nil, [SampleLabelUpdate(sampleId: sample.id, annotations: annotations)], author: "alice"
                )
            }
            #expect(error?.kind == .invalidArgument)
        }
        for author in ["", String(repeating: "x", count: 65), "a\u{7}b"] {
            let error = await #expect(throws: LabelingError.self) {
                try await fixture.service.updateSampleLabels(
                    datasetId: dataset.id, jobId: nil, [SampleLabelUpdate(sampleId: sample.id, annotations: [])], author: author
                )
            }
            #expect(error?.kind == .invalidArgument)
        }
        #expect(try await fixture.sample(dataset, key: "img/2.jpg")?.labelNames == ["dog"])
        let missing = await #expect(throws: LabelingError.self) {
            try await fixture.service.updateSampleLabels(
                datasetId: dataset.id, jobId: "nojob", [SampleLabelUpdate(sampleId: sample.id, annotations: [])], author: "a"
            )
        }
        #expect(missing?.kind == .notFound)
    }

    /// The sidecar decides only when it changes: edited (and cleared) labels stay through syncs until then.
    @Test func editedLabelsStayThroughSyncsUntilTheLabelFileChanges() async throws {
        let (fixture, dataset) = try await Self.pets()
        _ = try await Self.set(fixture, dataset, ["img/1.jpg": [Annotation(name: "dog")], "img/3.jpg": []])

        let unchanged = try await fixture.service.sync(datasetId: dataset.id)
        #expect(unchanged.sidecarsRead == 0)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["dog"])
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.isLabeled == false)
        // A changed image with the same label file keeps the edited labels too.
        fixture.storage.put("data", "img/1.jpg", "one, retouched")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let retouched = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(retouched.labelNames == ["dog"])
        #expect(retouched.labeledBy == "alice")

        fixture.storage.put("data", "img/1.txt", "bird\n")
        let changed = try await fixture.service.sync(datasetId: dataset.id)
        #expect(changed.sidecarsRead == 1)
        let relabeled = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(relabeled.labelNames == ["bird"])
        #expect(relabeled.labeledBy == "sync")
        #expect(relabeled.labelSource == .sidecar(key: "img/1.txt", etag: MemoryObjectStorage.etag(Array("bird\n".utf8))))
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.isLabeled == false)
    }

    @Test func aSampleLabeledByAUserTakesTheLabelFileThatAppearsLater() async throws {
        let (fixture, dataset) = try await Self.pets()
        _ = try await Self.set(fixture, dataset, ["img/2.jpg": [Annotation(name: "dog")]])
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/2.jpg")?.labelNames == ["dog"])

        fixture.storage.put("data", "img/2.txt", "cat\n")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let sample = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(sample.labelNames == ["cat"])
        #expect(sample.labeledBy == "sync")
    }

    @Test func detectionSamplesKeepTheirShapesAndTheFlagsOfUnchangedBoxes() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "det/1.jpg", "one")
        fixture.storage.put("data", "det/1.xml", LabelingFixture.voc([("cat", [10, 20, 50, 60]), ("dog", [1, 2, 3, 4])]))
        let dataset = try await fixture.createDataset("boxes", .objectDetection, input: "obs://data/det/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let before = try #require(try await fixture.sample(dataset, key: "det/1.jpg"))
        #expect(before.annotations.first?.difficult == false)

        let moved = Shape.boundingBox(xmin: 1, ymin: 2, xmax: 30, ymax: 40)
        let kept = try #require(before.annotations.first { $0.name == "cat" })
        let results = try await Self.set(
            fixture,
            dataset,
            ["det/1.jpg": [Annotation(name: "cat", shape: kept.shape), Annotation(name: "dog", shape: moved), Annotation(name: "fox", shape: moved)]]
        )
        #expect(results.first?.error == nil)

        let after = try #require(try await fixture.sample(dataset, key: "det/1.jpg"))
        #expect(after.annotations.map(\.name) == ["cat", "dog", "fox"])
        #expect(after.annotations.map(\.shape) == [kept.shape, moved, moved])
        #expect(after.annotations[0].difficult == false && after.annotations[0].pose == "Unspecified")
        #expect(after.annotations[1].difficult == nil)
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.label.name) == ["cat", "dog", "fox"])

        let shapeless = await #expect(throws: LabelingError.self) {
            try await Self.set(fixture, dataset, ["det/1.jpg": [Annotation(name: "cat")]])
        }
        #expect(shapeless?.message.contains("@modelarts:shape") == true)
    }

    /// Labels set on the same sample twice, unchanged, are not a change: the author and time stay.
    @Test func settingTheSameLabelsAgainChangesNothing() async throws {
        let (fixture, dataset) = try await Self.pets()
        let before = try #require(try await fixture.sample(dataset, key: "img/3.jpg"))
        let color = try #require(try await fixture.service.labels(datasetId: dataset.id).first?.label.color)
        let again = [Annotation(name: "cat", properties: [Annotation.colorProperty: color]), Annotation(name: "dog"), Annotation(name: "dog")]
        _ = try await Self.set(fixture, dataset, ["img/3.jpg": again], author: "bob")
        let after = try #require(try await fixture.sample(dataset, key: "img/3.jpg"))
        #expect(after.annotations == before.annotations)
        #expect(after.labeledBy == "sync")
        #expect(after.labelSource == before.labelSource)
    }

    @Test func aJobHasItsOwnLabelsWhichSyncsKeepAndTheDefaultJobEditsTheDataset() async throws {
        let (fixture, dataset) = try await Self.pets()
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "team")
        let sample = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))

        _ = try await Self.set(fixture, dataset, ["img/1.jpg": [Annotation(name: "lynx")]], job: job.id, author: "carol")
        let inJob = try await fixture.service.sample(datasetId: dataset.id, jobId: job.id, sampleId: sample.id)
        #expect(inJob.labelNames == ["lynx"])
        #expect(inJob.labeledBy == "carol")
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["cat"])
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.label.name).contains("lynx"))

        fixture.storage.put("data", "img/1.txt", "bird\n")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["bird"])
        #expect(try await fixture.service.sample(datasetId: dataset.id, jobId: job.id, sampleId: sample.id).labelNames == ["lynx"])

        _ = try await Self.set(fixture, dataset, ["img/1.jpg": [Annotation(name: "owl")]], job: dataset.defaultJobId, author: "dave")
        let edited = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(edited.labelNames == ["owl"])
        #expect(edited.labeledBy == "dave")
        #expect(try await fixture.service.sample(datasetId: dataset.id, jobId: dataset.defaultJobId, sampleId: sample.id).labelNames == ["owl"])
    }
}

@Suite("Label management")
struct LabelManagementTests {
    @Test func aRenameChangesEverySampleAndJobAndKeepsColorAndPlace() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "team")
        _ = try await LabelEditingTests.set(fixture, dataset, ["img/2.jpg": [Annotation(name: "cat"), Annotation(name: "owl")]], job: job.id)
        let version = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())
        let color = try #require(try await fixture.service.labels(datasetId: dataset.id).first?.label.color)

        try await fixture.service.updateLabels(datasetId: dataset.id, [LabelChange(name: "cat", renameTo: "kitty")], author: "erin")

        let labels = try await fixture.service.labels(datasetId: dataset.id)
        #expect(labels.map(\.label.name) == ["kitty", "dog", "owl"])
        #expect(labels.first?.label.color == color)
        #expect(labels.first?.sampleCount == 2)
        for key in ["img/1.jpg", "img/3.jpg"] {
            let sample = try #require(try await fixture.sample(dataset, key: key))
            #expect(sample.labelNames.first == "kitty")
            #expect(sample.labeledBy == "erin")
        }
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.labelNames == ["kitty", "dog"])
        let jobSample = try #require(try await fixture.sample(dataset, key: "img/2.jpg"))
        #expect(try await fixture.service.sample(datasetId: dataset.id, jobId: job.id, sampleId: jobSample.id).labelNames == ["kitty", "owl"])
        // The published version keeps the name it froze.
        let frozen = try await fixture.service.version(datasetId: dataset.id, versionId: version.id)
        #expect(frozen.labelStatistics.map(\.label.name).contains("cat"))
        // The label file still says cat, unchanged: the next sync keeps the new name.
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["kitty"])
        #expect(!(try await fixture.service.labels(datasetId: dataset.id)).map(\.label.name).contains("cat"))
    }

    @Test func renamingOntoAnExistingNameOrAnUnknownLabelIsRefused() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let conflict = await #expect(throws: LabelingError.self) {
            try await fixture.service.updateLabels(datasetId: dataset.id, [LabelChange(name: "cat", renameTo: "dog")], author: "erin")
        }
        #expect(conflict?.kind == .conflict)
        let unknown = await #expect(throws: LabelingError.self) {
            try await fixture.service.updateLabels(datasetId: dataset.id, [LabelChange(name: "emu", color: "#000000")], author: "erin")
        }
        #expect(unknown?.kind == .notFound)
        let badColor = await #expect(throws: LabelingError.self) {
            try await fixture.service.updateLabels(datasetId: dataset.id, [LabelChange(name: "cat", color: "blue")], author: "erin")
        }
        #expect(badColor?.kind == .invalidArgument)
        // All or nothing: the first change of a batch whose second fails is not made.
        await #expect(throws: LabelingError.self) {
            try await fixture.service.updateLabels(
                datasetId: dataset.id,
                [LabelChange(name: "cat", renameTo: "kitty"), LabelChange(name: "dog", renameTo: "kitty")],
                author: "erin"
            )
        }
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.label.name) == ["cat", "dog"])
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["cat"])
    }

    @Test func aRecolorChangesTheLabelAndKeepsItsSamples() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        try await fixture.service.updateLabels(
            datasetId: dataset.id,
            [LabelChange(name: "dog", color: "#8a1524", properties: ["@modelarts:shortcut": "D"])],
            author: "erin"
        )
        let dog = try #require(try await fixture.service.labels(datasetId: dataset.id).first { $0.label.name == "dog" })
        #expect(dog.label.color == "#8a1524")
        #expect(dog.label.properties == ["@modelarts:shortcut": "D"])
        let sample = try #require(try await fixture.sample(dataset, key: "img/3.jpg"))
        #expect(sample.labelNames == ["cat", "dog"])
        #expect(sample.labeledBy == "sync")
    }

    @Test func policyZeroRemovesTheLabelFromEverySampleAndKeepsTheSamples() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "team")
        _ = try await LabelEditingTests.set(fixture, dataset, ["img/2.jpg": [Annotation(name: "cat")]], job: job.id)

        let report = try await fixture.service.deleteLabels(datasetId: dataset.id, names: ["cat"], policy: .labelOnly, author: "frank")

        #expect(report.succeeded && report.sampleIds.isEmpty && report.impact == nil)
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.label.name) == ["dog"])
        let samples = try await fixture.samples(dataset)
        #expect(samples.map(\.labelNames) == [[], [], ["dog"]])
        #expect(samples[0].labeledBy == "frank")
        let jobSample = try await fixture.service.sample(datasetId: dataset.id, jobId: job.id, sampleId: samples[1].id)
        #expect(jobSample.labelNames.isEmpty && jobSample.labeledBy == "frank")
        // Unchanged label files do not bring the label back.
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.samples(dataset).map(\.labelNames) == [[], [], ["dog"]])
    }

    @Test func policyOneDeletesTheSamplesLeftWithoutALabelAndTheyStayDeleted() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let only = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))

        let plan = try await fixture.service.labelDeletionPlan(datasetId: dataset.id, names: ["cat"], policy: .samples)
        #expect(plan.sampleIds == [only.id])
        #expect(plan.impact?.deleteSource == false)
        #expect(try await fixture.samples(dataset).count == 3)

        let report = try await fixture.service.deleteLabels(datasetId: dataset.id, names: ["cat"], policy: .samples, author: "frank")

        #expect(report.succeeded)
        #expect(report.sampleIds == [only.id])
        #expect(report.impact?.sourceFiles.map(\.source) == ["obs://data/img/1.jpg"])
        #expect(fixture.storage.bytes("data", "img/1.jpg") != nil)
        #expect(try await fixture.samples(dataset).map(\.key) == ["img/2.jpg", "img/3.jpg"])
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.labelNames == ["dog"])
        #expect(try await fixture.service.sync(datasetId: dataset.id).addedSampleCount == 0)
        #expect(try await fixture.samples(dataset).count == 2)
    }

    /// A batch deletes the samples whose every label is deleted, even when no single label was their only one.
    @Test func aBatchDeletesTheSamplesLeftWithoutAnyLabel() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let report = try await fixture.service.deleteLabels(datasetId: dataset.id, names: ["cat", "dog", "cat"], policy: .samples, author: "frank")
        #expect(report.results.map(\.name) == ["cat", "dog"])
        #expect(report.sampleIds.count == 2)
        #expect(try await fixture.samples(dataset).map(\.key) == ["img/2.jpg"])
        #expect(try await fixture.service.labels(datasetId: dataset.id).isEmpty)

        let unknown = await #expect(throws: LabelingError.self) {
            try await fixture.service.deleteLabels(datasetId: dataset.id, names: ["emu"], policy: .labelOnly, author: "frank")
        }
        #expect(unknown?.kind == .notFound)
    }

    @Test func policyTwoDeletesTheSourceFilesWithTheImpactOnOthers() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        let other = try await fixture.createDataset("others", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: other.id)
        let version = try await fixture.service.publishVersion(datasetId: other.id, VersionSpec())
        let only = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        let otherSample = try #require(try await fixture.sample(other, key: "img/1.jpg"))

        let plan = try await fixture.service.labelDeletionPlan(datasetId: dataset.id, names: ["cat"], policy: .samplesAndSourceFiles)
        #expect(plan.impact?.deleteSource == true)
        #expect(plan.impact?.breaksOthers == true)
        #expect(plan.impact?.otherDatasets.first?.samples.map(\.sampleId) == [otherSample.id])
        #expect(plan.impact?.versions.map(\.versionId) == [version.id])
        #expect(fixture.storage.bytes("data", "img/1.jpg") != nil)

        let report = try await fixture.service.deleteLabels(datasetId: dataset.id, names: ["cat"], policy: .samplesAndSourceFiles, author: "frank")

        #expect(report.succeeded)
        #expect(report.sampleIds == [only.id])
        #expect(report.impact?.sourceFiles.map(\.outcome) == [.deleted])
        #expect(report.impact?.otherDatasets.map(\.datasetId) == [other.id])
        #expect(fixture.storage.bytes("data", "img/1.jpg") == nil)
        // Recorded as a source deletion by this dataset: the other dataset's check says who.
        let check = try await fixture.service.checkSources(datasetId: other.id)
        #expect(check.missingSamples.first?.deletion?.datasetId == dataset.id)
    }

    @Test func aLabelWhoseSampleCouldNotBeDeletedIsKept() async throws {
        let (fixture, dataset) = try await LabelEditingTests.pets()
        fixture.storage.refuse("img/1.jpg", with: StorageError(code: "AccessDenied", message: "no", httpStatus: 403))

        let report = try await fixture.service.deleteLabels(datasetId: dataset.id, names: ["cat"], policy: .samplesAndSourceFiles, author: "frank")

        #expect(!report.succeeded)
        #expect(report.results.first?.error?.message.contains("AccessDenied") == true)
        #expect(report.sampleIds.isEmpty)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["cat"])
        #expect(try await fixture.sample(dataset, key: "img/3.jpg")?.labelNames == ["cat", "dog"])
        #expect(try await fixture.service.labels(datasetId: dataset.id).map(\.label.name) == ["cat", "dog"])
    }
}
