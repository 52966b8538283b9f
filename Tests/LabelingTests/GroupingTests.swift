import Foundation
import ImageAnalysis
import ImageTestSupport
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Auto grouping")
struct GroupingTests {
    /// Four images of each kind: dark, bright red, blurred noise; PNG and JPEG mixed, the kinds interleaved by name.
    static func dataset(kind: DatasetKind = .imageClassification) async throws -> (LabelingFixture, Dataset, [String: String]) {
        let fixture = try LabelingFixture()
        var kinds: [String: String] = [:]
        for index in 0..<4 {
            let dark = TestImages.solid(width: 40, height: 30, (UInt8(10 + index * 3), UInt8(12 + index), 15))
            let red = TestImages.solid(width: 32, height: 32, (UInt8(230 + index * 5), 20, UInt8(25 + index * 4)))
            let blurred = TestImages.blurred(TestImages.noise(width: 48, height: 48, seed: UInt32(index + 1)), passes: 2)
            let files: [(String, String, [UInt8])] = [
                ("dark", "a\(index)_dark.png", TestImages.png(dark)),
                ("red", "b\(index)_red.jpg", TestImages.jpeg(red)),
                ("blurred", "c\(index)_blurred.png", TestImages.png(blurred)),
            ]
            for (name, key, bytes) in files {
                fixture.storage.put("data", "img/\(key)", bytes)
                kinds["img/\(key)"] = name
            }
        }
        let dataset = try await fixture.createDataset("grouping", kind, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        return (fixture, dataset, kinds)
    }

    static func group(_ fixture: LabelingFixture, _ dataset: Dataset, _ spec: GroupingSpec) async throws -> GroupingTask {
        let task = try await fixture.service.startGrouping(datasetId: dataset.id, spec, author: "tester")
        #expect(task.status == .running)
        return await fixture.service.runGrouping(task)
    }

    @Test func eachKindOfImageGetsAGroupOfItsOwn() async throws {
        let (fixture, dataset, kinds) = try await Self.dataset()
        let task = try await Self.group(fixture, dataset, GroupingSpec(groupCount: 3, result: .attribute("look")))
        #expect(task.status == .completed, "\(String(describing: task.error))")
        #expect(task.groupSizes == [4, 4, 4])
        #expect(task.processedSampleCount == 12 && task.totalSampleCount == 12 && task.progress == 1)

        let samples = try await fixture.samples(dataset)
        var groupOfKind: [String: Set<String>] = [:]
        for sample in samples { groupOfKind[kinds[sample.key]!, default: []].insert(try #require(sample.attributes["look"])) }
        #expect(groupOfKind.values.allSatisfy { $0.count == 1 }, "every kind in one group: \(groupOfKind)")
        #expect(Set(groupOfKind.values.map { $0.first! }).count == 3, "and each in its own")

        let red = try #require(groupOfKind["red"]?.first)
        let filter = SampleFilter(conditions: [.attributes(SampleFilter.AttributeMatch(values: ["look": [red]], all: true))])
        let page = try await fixture.service.listSamples(datasetId: dataset.id, jobId: nil, filter: filter, offset: 0, limit: 100)
        #expect(page.total == 4 && page.samples.allSatisfy { kinds[$0.key] == "red" })
        #expect(try await fixture.service.sampleAttributes(datasetId: dataset.id) == ["look": ["0", "1", "2"]])

        let again = try await Self.group(fixture, dataset, GroupingSpec(groupCount: 3, result: .attribute("look")))
        #expect(again.status == .completed)
        let regrouped = try await fixture.samples(dataset)
        #expect(regrouped.map { $0.attributes["look"] } == samples.map { $0.attributes["look"] }, "the same images, the same groups")
        let history = try await fixture.service.groupingTasks(datasetId: dataset.id, offset: 0, limit: 10)
        #expect(history.total == 2 && history.tasks.map(\.id) == [again.id, task.id])
    }

    @Test func brightnessAloneTellsDarkFromBright() async throws {
        let (fixture, dataset, kinds) = try await Self.dataset(kind: .objectDetection)
        let task = try await Self.group(fixture, dataset, GroupingSpec(groupCount: 2, features: [.brightness], result: .attribute("light")))
        #expect(task.status == .completed)
        let samples = try await fixture.samples(dataset)
        let darkGroups = Set(samples.filter { kinds[$0.key] == "dark" }.compactMap { $0.attributes["light"] })
        let otherGroups = Set(samples.filter { kinds[$0.key] != "dark" }.compactMap { $0.attributes["light"] })
        #expect(darkGroups.count == 1 && darkGroups.isDisjoint(with: otherGroups))
    }

    @Test func unreadableAndUndecodableImagesAreSkippedWithTheirReason() async throws {
        let (fixture, dataset, _) = try await Self.dataset()
        fixture.storage.put("data", "img/d_fake.png", "not an image")
        fixture.storage.put("data", "img/e_secret.png", TestImages.png(TestImages.solid(width: 4, height: 4, (1, 2, 3))))
        fixture.storage.refuse("img/e_secret.png", with: StorageError(code: "AccessDenied", message: "Access Denied", httpStatus: 403))
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let task = try await Self.group(fixture, dataset, GroupingSpec(groupCount: 3, result: .attribute("look")))
        #expect(task.status == .completed)
        #expect(task.totalSampleCount == 14 && task.skippedCount == 2 && task.groupSizes.reduce(0, +) == 12)
        #expect(task.skipped.map(\.source) == ["obs://data/img/d_fake.png", "obs://data/img/e_secret.png"])
        #expect(task.skipped[0].reason.contains("not a PNG or JPEG"))
        #expect(task.skipped[1].reason.contains("AccessDenied"))
        #expect(try await fixture.sample(dataset, key: "img/d_fake.png")?.attributes.isEmpty == true)
    }

    @Test func tooFewReadableImagesFailTheTask() async throws {
        let (fixture, dataset, _) = try await Self.dataset()
        let task = try await Self.group(fixture, dataset, GroupingSpec(groupCount: 13, result: .attribute("look")))
        #expect(task.status == .failed)
        #expect(task.error?.code == .groupingFailed)
        #expect(task.error?.message.contains("13 groups need at least 13 images: 12") == true)
        let stored = try await fixture.service.groupingTask(datasetId: dataset.id, taskId: task.id)
        #expect(stored.status == .failed && stored.error == task.error)
    }

    @Test func theResultCanBeSavedToOBS() async throws {
        let (fixture, dataset, kinds) = try await Self.dataset()
        let task = try await Self.group(fixture, dataset, GroupingSpec(groupCount: 3, result: .obs(folder: "obs://out/groups")))
        #expect(task.status == .completed)
        let file = try #require(task.resultFile)
        #expect(file == "obs://out/groups/auto-grouping-\(task.id).jsonl")
        let bytes = try await fixture.storage.readObject(bucket: "out", key: "groups/auto-grouping-\(task.id).jsonl", maxBytes: 1 << 20)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 12)
        struct Line: Decodable {
            var source: String
            var group: Int
        }
        let parsed = try lines.map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        let groupsOfRed = Set(parsed.filter { kinds[String($0.source.dropFirst("obs://data/".count))] == "red" }.map(\.group))
        #expect(groupsOfRed.count == 1)
        #expect(try await fixture.samples(dataset).allSatisfy { $0.attributes.isEmpty }, "no attribute is written")
    }

    @Test func aStoppedTaskWritesNoResult() async throws {
        let (fixture, dataset, _) = try await Self.dataset()
        let spec = GroupingSpec(groupCount: 3, result: .attribute("look"))
        let task = try await fixture.service.startGrouping(datasetId: dataset.id, spec, author: nil)
        let stopping = try await fixture.service.stopGrouping(datasetId: dataset.id, taskId: task.id)
        #expect(stopping.status == .running && stopping.isStopping)
        let stopped = await fixture.service.runGrouping(task)
        #expect(stopped.status == .stopped && stopped.processedSampleCount == 1, "it stops after the image it reads")
        #expect(try await fixture.samples(dataset).allSatisfy { $0.attributes.isEmpty })
        let stored = try await fixture.service.groupingTask(datasetId: dataset.id, taskId: task.id)
        #expect(stored.status == .stopped && !stored.isStopping)
        #expect(try await fixture.service.stopGrouping(datasetId: dataset.id, taskId: task.id).status == .stopped)
    }

    @Test func badRequestsAreRefused() async throws {
        let (fixture, dataset, _) = try await Self.dataset()
        for spec in [
            GroupingSpec(groupCount: 1, result: .attribute("a")),
            GroupingSpec(groupCount: 201, result: .attribute("a")),
            GroupingSpec(groupCount: 2, result: .attribute("")),
            GroupingSpec(groupCount: 2, result: .attribute("@modelarts:hard")),
            GroupingSpec(groupCount: 2, result: .obs(folder: "out/groups")),
        ] {
            await #expect(throws: LabelingError.self) { try await fixture.service.startGrouping(datasetId: dataset.id, spec, author: nil) }
        }
        fixture.storage.put("data", "text/a.txt", "hello\tgreeting\n")
        let text = try await fixture.createDataset("texts", .textClassification, input: "obs://data/text/")
        let spec = GroupingSpec(groupCount: 2, result: .attribute("a"))
        await #expect { try await fixture.service.startGrouping(datasetId: text.id, spec, author: nil) } throws: {
            ($0 as? LabelingError)?.message.contains("groups images") == true
        }
        #expect(try await fixture.service.groupingTasks(datasetId: dataset.id, offset: 0, limit: 10).total == 0)
    }
}

@Suite("Sample origin and time filters")
struct SampleOriginFilterTests {
    @Test func inferenceSamplesAreThoseWhoseManifestEntryGaveAnInferenceLoc() async throws {
        let fixture = try LabelingFixture()
        for key in ["in/a.png", "in/b.png"] { fixture.storage.put("data", key, "image") }
        fixture.storage.put(
            "data", "m/infer.manifest",
            #"{"source":"obs://data/in/a.png","inference-loc":"obs://data/out/a.json"}"# + "\n" + #"{"source":"obs://data/in/b.png"}"#
        )
        let dataset = try await fixture.createDataset("origin", .imageClassification, input: "obs://data/in/")
        _ = try await fixture.service.importData(datasetId: dataset.id, ImportSpec(path: "obs://data/m/infer.manifest"))
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let inference = try await fixture.service.listSamples(
            datasetId: dataset.id, jobId: nil, filter: SampleFilter(conditions: [.inference(true)]), offset: 0, limit: 10
        )
        #expect(inference.samples.map(\.key) == ["in/a.png"] && inference.samples[0].inferenceLoc == "obs://data/out/a.json")
        let others = try await fixture.service.listSamples(
            datasetId: dataset.id, jobId: nil, filter: SampleFilter(conditions: [.inference(false)]), offset: 0, limit: 10
        )
        #expect(others.samples.map(\.key) == ["in/b.png"])

        // A published version's manifest keeps the mark, so importing it again keeps the origin.
        let version = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec())
        let key = String(version.manifestPath.dropFirst("obs://output/".count))
        let manifest = try Manifest.parse(try #require(fixture.storage.bytes("output", key)))
        #expect(manifest.entries.map(\.inferenceLoc) == ["obs://data/out/a.json", nil])
    }

    @Test func creationTimeIsTheObjectsLastChange() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "in/a.png", "image")
        let dataset = try await fixture.createDataset("times", .imageClassification, input: "obs://data/in/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let sample = try #require(try await fixture.sample(dataset, key: "in/a.png"))
        let changed = try #require(sample.objectModifiedAt)
        func count(_ start: Date, _ end: Date) async throws -> Int {
            try await fixture.service.listSamples(
                datasetId: dataset.id, jobId: nil, filter: SampleFilter(conditions: [.createdIn(start: start, end: end)]), offset: 0, limit: 10
            ).total
        }
        #expect(try await count(changed.addingTimeInterval(-60), changed.addingTimeInterval(60)) == 1)
        #expect(try await count(changed.addingTimeInterval(1), changed.addingTimeInterval(60)) == 0)
        #expect(try await count(changed.addingTimeInterval(-60), changed) == 0, "the end is excluded")
    }
}
