import Foundation
import GRDB
import LabelFormats
import LabelingTestSupport
import Testing

@testable import Labeling

/// A data root made before this version opens and keeps its data: the fixture is built by running only the migrations
/// shipped then, and filled as that version's code wrote its rows (REAL dates, the text dates its two raw UPDATEs bound
/// by mistake, ModelArts codes for failures). Catalogs in memory.
struct CatalogMigrationTests {
    /// The last migration of the schema the fixture is made with.
    static let shippedSchema = "addImportTasksAndHardExamples"

    static let created = Date(timeIntervalSinceReferenceDate: 790_000_000.25)
    /// Bound as a `Date`, which GRDB writes as text (`2026-01-13 12:28:20.500`), as the old `UPDATE`s did.
    static let synced = Date(timeIntervalSinceReferenceDate: 790_000_100.5)
    /// The ETag of the object whose sample was deleted without its file.
    static let deletedObject = Array("nine".utf8)

    /// A database with the shipped schema and one dataset in every table.
    static func makeOldCatalog() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try LabelingCatalog.migrator.migrate(queue, upTo: shippedSchema)
        let created = created.timeIntervalSinceReferenceDate
        let synced = synced
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO dataset VALUES ('d1', 'pets', 'image_classification', 'b', 'in/', 'obs://out/pets/', 'old one', 'j1', ?, ?);
                    INSERT INTO datasetLabel VALUES ('d1', 'cat', 0, '#3399ff', '{}', 0, ?);
                    INSERT INTO labelingJob VALUES ('j1', 'd1', 'pets', 1, ?);
                    INSERT INTO sample (id, datasetId, bucket, key, line, versionId, etag, size, text, annotations, isLabeled,
                        labelSource, unlabeledReason, sidecarKey, sidecarEtag, labeledBy, labeledAt, createdAt, updatedAt, hard)
                    VALUES
                        ('s1', 'd1', 'b', 'in/1.jpg', 0, NULL, 'e1', 4, NULL, '[{"name":"cat","properties":{}}]', 1,
                         '{"sidecar":{"key":"in/1.txt","etag":"t1"}}', NULL, 'in/1.txt', 't1', 'sync', ?, ?, ?, NULL),
                        ('s2', 'd1', 'b', 'in/2.jpg', 0, NULL, 'e2', 4, NULL, '[]', 0,
                         NULL, '{"code":"noSidecar","message":"No label file"}', NULL, NULL, NULL, NULL, ?, ?, 1);
                    INSERT INTO jobSample VALUES ('j1', 's1', NULL, NULL, NULL, NULL), ('j1', 's2', NULL, NULL, NULL, NULL);
                    INSERT INTO syncRun VALUES ('r1', 'd1', 'failed', 2, 0, 2, 1, 0, ?, ?, 'ModelArts.4360', 'Listing failed');
                    INSERT INTO datasetVersion VALUES ('v1', 'd1', 'V001', '', NULL, 'out', 'pets/V001.manifest', 2, 1, 2, 0, 0,
                        '[{"label":{"name":"cat","type":0,"color":"#3399ff","properties":{}},"annotationCount":1,"sampleCount":1}]', 0, ?);
                    INSERT INTO versionSample VALUES ('v1', 's1', 'b', 'in/1.jpg', 0, '[{"name":"cat","properties":{}}]');
                    INSERT INTO deletedSample VALUES ('d1', 'b', 'in/9.jpg', 0, ?, 's9', ?);
                    INSERT INTO sourceDeletion VALUES ('b', 'in/8.jpg', 'd1', 'pets', 's8', ?, NULL);
                    INSERT INTO importTask VALUES ('i1', 'd1', 'manifest', 'obs://b/m.manifest', 'failed', 0, 0, 0, 1,
                        '[{"source":"line 1","reason":"not JSON"}]', 'alice', 'ModelArts.4363', 'Reading failed', ?, ?);
                    """,
                arguments: [
                    created, synced, created, created, created, created, synced, created, created, created, created,
                    created, MemoryObjectStorage.etag(deletedObject), created, created, created, created,
                ]
            )
        }
        return queue
    }

    @Test func aCatalogOfTheShippedSchemaOpensWithItsData() async throws {
        let storage = MemoryObjectStorage()
        let service = LabelingService(catalog: try LabelingCatalog(Self.makeOldCatalog()), storage: storage, logger: LabelingFixture.logger)

        let dataset = try await service.dataset(id: "d1")
        #expect(dataset.name == "pets" && dataset.kind == .imageClassification && dataset.inputPath == "obs://b/in/")
        #expect(dataset.description == "old one")
        #expect(dataset.createdAt == Self.created)
        #expect(abs(dataset.updatedAt.timeIntervalSince(Self.synced)) < 0.001, "the text date is read as the date it names")
        #expect(dataset.labels == [Label(name: "cat", type: 0, color: "#3399ff")])
        #expect(dataset.counts == SampleCounts(all: 2, labeled: 1, unlabeled: 1))
        #expect(try await service.listJobs(datasetId: "d1").map(\.id) == ["j1"])

        let samples = try await service.listSamples(datasetId: "d1", jobId: "j1", state: .all, offset: 0, limit: 10).samples
        #expect(samples.map(\.id) == ["s1", "s2"])
        #expect(samples[0].annotations == [Annotation(name: "cat")])
        #expect(samples[0].labelSource == .sidecar(key: "in/1.txt", etag: "t1"))
        #expect(abs(samples[0].updatedAt.timeIntervalSince(Self.synced)) < 0.001)
        #expect(samples[1].unlabeledReason?.code == .noSidecar)
        #expect(samples[1].hard == true)

        let run = try #require(try await service.syncStatus(datasetId: "d1"))
        #expect(run.status == .failed && run.addedSampleCount == 2 && run.startedAt == Self.created)
        #expect(run.error == LabelingError(code: .syncFailed, message: "Listing failed"))

        let version = try await service.version(datasetId: "d1", versionId: "v1")
        #expect(version.name == "V001" && version.manifestPath == "obs://out/pets/V001.manifest" && version.createdAt == Self.created)
        #expect(version.labelStatistics.map(\.sampleCount) == [1])

        let tasks = try await service.importTasks(datasetId: "d1", offset: 0, limit: 10).tasks
        #expect(tasks.map(\.id) == ["i1"])
        #expect(tasks.first?.skipped == [ImportTask.Skipped(source: "line 1", reason: "not JSON")])
        #expect(tasks.first?.error == LabelingError(code: .importFailed, message: "Reading failed"))

        // The sample deleted without its file stays out of syncs; the deleted source file is still explained.
        storage.put("b", "in/1.jpg", "jpeg")
        storage.put("b", "in/2.jpg", "jpeg")
        storage.put("b", "in/9.jpg", Self.deletedObject)
        let sync = try await service.sync(datasetId: "d1")
        #expect(sync.totalSampleCount == 2)
        let check = try await service.checkSources(datasetId: "d1")
        #expect(check.versions.first?.missing.isEmpty == true)
    }

    @Test func everyDateIsStoredAsRealSecondsAfterSyncsEditsAndDeletions() async throws {
        let storage = MemoryObjectStorage()
        storage.put("b", "in/1.jpg", "one")
        storage.put("b", "in/1.txt", "cat\n")
        storage.put("b", "in/2.jpg", "two")
        let catalog = try LabelingCatalog.inMemory()
        let service = LabelingService(catalog: catalog, storage: storage, logger: LabelingFixture.logger)
        let dataset = try await service.createDataset(
            DatasetSpec(name: "d", kind: .imageClassification, inputPath: "obs://b/in/", outputPath: "obs://out/d/")
        )
        _ = try await service.sync(datasetId: dataset.id)
        storage.put("b", "in/1.jpg", "one, changed")
        _ = try await service.sync(datasetId: dataset.id)
        let job = try await service.createJob(datasetId: dataset.id, name: "team")
        let samples = try await service.listSamples(datasetId: dataset.id, jobId: nil, state: .all, offset: 0, limit: 10).samples
        _ = try await service.updateSampleLabels(
            datasetId: dataset.id,
            jobId: job.id,
            [SampleLabelUpdate(sampleId: samples[0].id, annotations: [Annotation(name: "dog")])],
            author: "alice"
        )
        _ = try await service.publishVersion(datasetId: dataset.id, VersionSpec())
        _ = try await service.deleteSamples(datasetId: dataset.id, sampleIds: [samples[1].id], deleteSource: false)

        let misfits = try await catalog.writer.read { db in
            var misfits: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%'") {
                for column in try db.columns(in: table) where column.name.hasSuffix("At") {
                    let count = try Int.fetchOne(
                        db,
                        sql: "SELECT COUNT(*) FROM \(table) WHERE \(column.name) IS NOT NULL AND typeof(\(column.name)) != 'real'"
                    )
                    if count != 0 { misfits.append("\(table).\(column.name)") }
                }
            }
            return misfits
        }
        #expect(misfits.isEmpty, "date columns holding something else than REAL: \(misfits)")
    }
}
