import Foundation
import GRDB
import LabelFormats
import LabelingTestSupport
import Testing

@testable import Labeling

@Suite("Sample filters")
struct SampleFilterTests {
    /// An image classification dataset over `data/img/`: cats, dogs, a cat-and-dog, an unlabeled image, a folder-labeled
    /// bird, and names with LIKE wildcards in them.
    static func dataset() async throws -> (LabelingFixture, Dataset) {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        storage.put("data", "img/Cat1.jpg", "cat one")
        storage.put("data", "img/Cat1.txt", "cat\n")
        storage.put("data", "img/catdog.jpg", "cat and dog")
        storage.put("data", "img/catdog.txt", "cat\ndog\n")
        storage.put("data", "img/dog.jpg", "dog")
        storage.put("data", "img/dog.txt", "dog\n")
        storage.put("data", "img/none.jpg", "nothing")
        storage.put("data", "img/Bird/b1.jpg", "bird")
        storage.put("data", "img/a_b.jpg", "underscore")
        storage.put("data", "img/axb.jpg", "x")
        storage.put("data", "img/100%.jpg", "percent")
        storage.put("data", "img/1000.jpg", "thousand")
        let dataset = try await fixture.createDataset("filters", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        return (fixture, dataset)
    }

    static func keys(
        _ fixture: LabelingFixture,
        _ dataset: Dataset,
        _ conditions: [SampleFilter.Condition],
        state: SampleStateFilter = .all,
        jobId: String? = nil
    ) async throws -> [String] {
        let filter = SampleFilter(state: state, conditions: conditions)
        let page = try await fixture.service.listSamples(datasetId: dataset.id, jobId: jobId, filter: filter, offset: 0, limit: 1000)
        #expect(page.total == page.samples.count, "the count must be that of the filtered samples")
        return page.samples.map(\.key)
    }

    @Test func labelsAnyOfAllOfAndNoneOf() async throws {
        let (fixture, dataset) = try await Self.dataset()

        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["cat"]))]) == ["img/Cat1.jpg", "img/catdog.jpg"])
        #expect(
            try await Self.keys(fixture, dataset, [.labels(.anyOf(["cat", "Bird"]))]) == ["img/Bird/b1.jpg", "img/Cat1.jpg", "img/catdog.jpg"]
        )
        #expect(try await Self.keys(fixture, dataset, [.labels(.allOf(["cat", "dog"]))]) == ["img/catdog.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.labels(.allOf(["cat", "cat"]))]) == ["img/Cat1.jpg", "img/catdog.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.labels(.allOf(["cat", "horse"]))]).isEmpty)
        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["Cat"]))]).isEmpty, "label names are compared exactly")
        #expect(
            try await Self.keys(fixture, dataset, [.labels(.anyOf([]))])
                == ["img/Bird/b1.jpg", "img/Cat1.jpg", "img/catdog.jpg", "img/dog.jpg"]
        )
        #expect(
            try await Self.keys(fixture, dataset, [.labels(.noneOf([]))])
                == ["img/100%.jpg", "img/1000.jpg", "img/a_b.jpg", "img/axb.jpg", "img/none.jpg"]
        )
        #expect(
            try await Self.keys(fixture, dataset, [.labels(.noneOf(["cat"]))])
                == ["img/100%.jpg", "img/1000.jpg", "img/Bird/b1.jpg", "img/a_b.jpg", "img/axb.jpg", "img/dog.jpg", "img/none.jpg"]
        )
    }

    /// The label filters read an index of the samples' labels that the catalog keeps on every write: a rename, a
    /// changed label file picked up by a sync, a sample gone with its object.
    @Test func labelFiltersFollowRenamesSyncsAndDeletions() async throws {
        let (fixture, dataset) = try await Self.dataset()
        try await fixture.service.updateLabels(datasetId: dataset.id, [LabelChange(name: "cat", renameTo: "kitty")], author: "erin")
        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["cat"]))]).isEmpty)
        #expect(try await Self.keys(fixture, dataset, [.labels(.allOf(["kitty", "dog"]))]) == ["img/catdog.jpg"])

        fixture.storage.put("data", "img/dog.txt", "kitty\n")
        fixture.storage.delete("data", "img/catdog.jpg")
        fixture.storage.delete("data", "img/catdog.txt")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["kitty"]))]) == ["img/Cat1.jpg", "img/dog.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["dog"]))]).isEmpty)
        #expect(try await Self.keys(fixture, dataset, [.labels(.noneOf(["kitty"]))]).count == 6)

        // The tab counts the catalog keeps agree with counting the samples.
        try await fixture.service.updateLabels(datasetId: dataset.id, [LabelChange(name: "kitty", renameTo: "cat")], author: "erin")
        let counts = try await fixture.service.sampleCounts(datasetId: dataset.id, jobId: nil)
        let labeled = try await Self.keys(fixture, dataset, [.labels(.anyOf([]))]).count
        let unlabeled = try await Self.keys(fixture, dataset, [.labels(.noneOf([]))]).count
        #expect(counts == SampleCounts(all: labeled + unlabeled, labeled: labeled, unlabeled: unlabeled))
        #expect(counts.all == 8 && counts.labeled == 3)
    }

    @Test func fileNameOrPathIgnoresCaseAndTakesWildcardsLiterally() async throws {
        let (fixture, dataset) = try await Self.dataset()

        #expect(try await Self.keys(fixture, dataset, [.keyContains("CAT")]) == ["img/Cat1.jpg", "img/catdog.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.keyContains("a_b")]) == ["img/a_b.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.keyContains("100%")]) == ["img/100%.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.keyContains("bird/")]) == ["img/Bird/b1.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.keyContains("zebra")]).isEmpty)
    }

    @Test func folderHoldsOnlyTheFilesDirectlyInIt() async throws {
        let (fixture, dataset) = try await Self.dataset()

        let top = try await Self.keys(fixture, dataset, [.folder(bucket: "data", prefix: "img/")])
        #expect(top.count == 8)
        #expect(!top.contains("img/Bird/b1.jpg"))
        #expect(try await Self.keys(fixture, dataset, [.folder(bucket: "data", prefix: "img/Bird/")]) == ["img/Bird/b1.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.folder(bucket: "other", prefix: "img/")]).isEmpty)
    }

    @Test func labeledByAndHardExamples() async throws {
        let (fixture, dataset) = try await Self.dataset()
        let added = try await fixture.service.addSamples(
            datasetId: dataset.id,
            [
                NewSample(name: "hard.jpg", data: Array("hard".utf8), annotations: [Annotation(name: "cat")], hard: true),
                NewSample(name: "easy.jpg", data: Array("easy".utf8), annotations: [Annotation(name: "dog")], hard: false),
            ],
            author: "alice"
        )
        #expect(added.succeeded)

        #expect(try await Self.keys(fixture, dataset, [.labeledBy("alice")]) == ["img/easy.jpg", "img/hard.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.labeledBy("sync")]).count == 4)
        #expect(try await Self.keys(fixture, dataset, [.labeledBy("bob")]).isEmpty)
        #expect(try await Self.keys(fixture, dataset, [.hard(true)]) == ["img/hard.jpg"])
        let notHard = try await Self.keys(fixture, dataset, [.hard(false)])
        #expect(notHard.count == 10, "samples never marked hard are not hard")
        #expect(notHard.contains("img/easy.jpg") && !notHard.contains("img/hard.jpg"))
        #expect(try await fixture.sample(dataset, key: "img/hard.jpg")?.hard == true)
        #expect(try await fixture.sample(dataset, key: "img/none.jpg")?.hard == nil)

        let labelers = try await fixture.service.labelers(datasetId: dataset.id)
        #expect(labelers == ["alice", "sync"])
    }

    @Test func conditionsCombineWithTheStateAndPagesCountTheWholeFilter() async throws {
        let (fixture, dataset) = try await Self.dataset()

        #expect(try await Self.keys(fixture, dataset, [.keyContains("cat"), .labels(.anyOf(["dog"]))]) == ["img/catdog.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.keyContains(".jpg")], state: .unlabeled).count == 5)
        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["cat"]))], state: .unlabeled).isEmpty)

        let filter = SampleFilter(state: .all, conditions: [.labels(.anyOf(["cat", "dog"]))])
        let page = try await fixture.service.listSamples(datasetId: dataset.id, jobId: nil, filter: filter, offset: 1, limit: 1)
        #expect(page.total == 3)
        #expect(page.samples.map(\.key) == ["img/catdog.jpg"])
    }

    @Test func aJobIsFilteredByItsOwnLabels() async throws {
        let (fixture, dataset) = try await Self.dataset()
        let job = try await fixture.service.createJob(datasetId: dataset.id, name: "review")
        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["cat"]))], jobId: job.id) == ["img/Cat1.jpg", "img/catdog.jpg"])

        let none = try #require(try await fixture.sample(dataset, key: "img/none.jpg"))
        let results = try await fixture.service.updateSampleLabels(
            datasetId: dataset.id,
            jobId: job.id,
            [SampleLabelUpdate(sampleId: none.id, annotations: [Annotation(name: "cat")])],
            author: "carol"
        )
        #expect(results.allSatisfy { $0.error == nil })

        #expect(
            try await Self.keys(fixture, dataset, [.labels(.anyOf(["cat"]))], jobId: job.id)
                == ["img/Cat1.jpg", "img/catdog.jpg", "img/none.jpg"]
        )
        #expect(try await Self.keys(fixture, dataset, [.labeledBy("carol")], jobId: job.id) == ["img/none.jpg"])
        #expect(try await Self.keys(fixture, dataset, [.labeledBy("carol")]).isEmpty, "the dataset keeps its own labels")
        #expect(try await Self.keys(fixture, dataset, [.labels(.anyOf(["cat"]))]) == ["img/Cat1.jpg", "img/catdog.jpg"])
    }

    @Test func unknownDatasetOrJob() async throws {
        let (fixture, dataset) = try await Self.dataset()
        let filter = SampleFilter(conditions: [.labels(.anyOf(["cat"]))])
        await #expect(throws: LabelingError.self) {
            try await fixture.service.listSamples(datasetId: "nope", jobId: nil, filter: filter, offset: 0, limit: 10)
        }
        await #expect(throws: LabelingError.self) {
            try await fixture.service.listSamples(datasetId: dataset.id, jobId: "nope", filter: filter, offset: 0, limit: 10)
        }
    }

    /// A filter matching few samples is counted and paged from one walk; one matching more from a count, then a page:
    /// both give the same pages.
    @Test(arguments: [0, 1, 2, 3, 5])
    func pagesAreTheSameWhetherTheMatchesAreFewOrMany(fewMatches: Int) async throws {
        let (fixture, dataset) = try await Self.dataset()
        let all = try await Self.keys(fixture, dataset, [.keyContains(".jpg")])
        let query = LabelingCatalog.SampleQuery(datasetId: dataset.id, jobId: nil, state: .all, conditions: [.keyContains(".jpg")])
        var paged: [String] = []
        for offset in stride(from: 0, through: all.count + 2, by: 2) {
            let (records, total) = try await fixture.service.catalog.writer.read { db in
                try LabelingCatalog.page(db, query, offset: offset, limit: 2, fewMatches: fewMatches)
            }
            #expect(total == all.count)
            #expect(records.count == min(2, max(0, all.count - offset)), "no page past the count")
            paged += records.map(\.key)
        }
        #expect(all.count > 5)
        #expect(paged == all)
    }
}
