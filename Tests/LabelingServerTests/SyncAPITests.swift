import Foundation
import HTTPTypes
import LabelFormats
import Labeling
import LabelingServer
import LabelingTestSupport
import ObslabAPI
import Testing

/// Sync through the API, and samples as ModelArts shows them.
struct SyncAPITests {
    static let boxes = """
        <annotation>
          <size><width>100</width><height>80</height><depth>3</depth></size>
          <object><name>cat</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>50</xmax><ymax>60</ymax></bndbox></object>
          <object><name>dog</name><polygon><x1>1</x1><y1>2</y1><x2>30</x2><y2>2</y2><x3>30</x3><y3>40</y3></polygon></object>
        </annotation>
        """

    /// Creating a dataset imports its input path: that import is the first sync, and the status gives it. An input
    /// path that cannot be listed leaves the dataset created, its import failed with the reason.
    @Test func statusAfterCreationIsThatOfTheImportTheCreationRan() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg one")
        try await fixture.test { api in
            let (id, imported) = try await api.createDatasetImporting("d", type: 0, input: "/b/in/")
            #expect(imported.status == "COMPLETED" && imported.importKind == "folder" && imported.importPath == "obs://b/in/")
            let status = try await api.lastSync(id)
            #expect(status.status == "COMPLETED")
            #expect(status.datasetId == id)
            #expect((status.addSampleCount, status.totalSampleCount) == (1, 1))

            let (missingId, failed) = try await api.createDatasetImporting("nowhere", type: 0, input: "/missing/in/")
            #expect(failed.status == "FAILED")
            #expect(failed.errorMessage?.contains("missing") == true, "\(failed.errorMessage ?? "")")
            #expect(try await api.lastSync(missingId).status == "FAILED")
        }
    }

    @Test func syncReportsCountsAndStates() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg one")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        fixture.storage.put("b", "in/2.jpg", "jpeg two")
        fixture.storage.put("b", "in/sub/3.jpg", "jpeg three")
        fixture.storage.put("b", "in/sub/3.txt", "dog\n")
        try await fixture.test { api in
            // The creation's import is the first sync.
            let (id, imported) = try await api.createDatasetImporting("pets", type: 0, input: "/b/in/")
            #expect((imported.totalSampleCount, imported.importedSampleCount, imported.annotatedSampleCount) == (3, 3, 2))
            let status = try await api.lastSync(id)
            #expect(status.status == "COMPLETED")
            #expect(status.addSampleCount == 3)
            #expect(status.deletedSampleCount == 0)
            #expect(status.totalSampleCount == 3)
            #expect(status.sidecarsRead == 2)
            #expect(status.taskId?.count == 32)

            let dataset = try await api.send(.get, "/v2/p/datasets/\(id)").decode(ModelArtsAPI.Dataset.self)
            #expect(dataset.totalSampleCount == 3)
            #expect(dataset.annotatedSampleCount == 2)

            let all = try await api.samples(id)
            #expect(all.sampleCount == 3)
            let labeled = try await api.samples(id, query: "?sample_state=__ALL__")
            #expect(labeled.sampleCount == 2)
            #expect(labeled.samples.allSatisfy { $0.sampleStatus == "__ALL__" && $0.unlabeledReason == nil && !$0.labels.isEmpty })
            let unlabeled = try await api.samples(id, query: "?sample_state=__NONE__")
            #expect(unlabeled.sampleCount == 1)
            let lonely = try #require(unlabeled.samples.first)
            #expect(lonely.source == "obs://b/in/2.jpg")
            #expect(lonely.sampleName == "2.jpg")
            #expect(lonely.sampleDir == "obs://b/in/")
            #expect(lonely.sampleStatus == "__NONE__")
            #expect(lonely.sampleType == 0)
            #expect(lonely.labels.isEmpty)
            #expect(lonely.unlabeledReason?.code == "no_sidecar")

            let page = try await api.samples(id, query: "?offset=1&limit=1")
            #expect(page.sampleCount == 3)
            #expect(page.samples.count == 1)

            let cat = try #require(labeled.samples.first { $0.source == "obs://b/in/1.jpg" })
            let detail = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/samples/\(cat.sampleId)")
            #expect(detail.status == .ok)
            let sample = try detail.decode(ModelArtsAPI.Sample.self)
            #expect(sample.labels.map(\.name) == ["cat"])
            #expect(sample.labels.first?.type == 0)
            #expect(sample.labelSource?.type == "sidecar")
            #expect(sample.labelSource?.key == "in/1.txt")
            #expect(sample.metadata["@modelarts:import_origin"] == .number(0))

            let missing = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/samples/00000000000000000000000000000000")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "ModelArts.0102")
        }
    }

    @Test func detectionLabelsCarryShapeAndFeature() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "det/IMG_1.jpg", "jpeg")
        fixture.storage.put("b", "det/IMG_1.xml", Self.boxes)
        try await fixture.test { api in
            let id = try await api.createDataset(
                "boxes",
                type: 1,
                input: "/b/det/",
                labels: ##"[{"name": "cat", "property": {"@modelarts:color": "#ff0000"}}]"##
            )
            _ = try await api.sync(id)
            let sample = try #require(try await api.samples(id).samples.first)
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/samples/\(sample.sampleId)")
            let json = try answer.json
            let labels = try #require(json["labels"] as? [[String: Any]])
            let cat = try #require(labels.first { $0["name"] as? String == "cat" })
            #expect(cat["type"] as? Int == 1)
            let property = try #require(cat["property"] as? [String: Any])
            #expect(property["@modelarts:shape"] as? String == "bndbox")
            #expect(property["@modelarts:feature"] as? [[Double]] == [[10, 20], [50, 60]])
            #expect(property["@modelarts:color"] as? String == "#ff0000")
            let dog = try #require(labels.first { $0["name"] as? String == "dog" })
            let dogProperty = try #require(dog["property"] as? [String: Any])
            #expect(dogProperty["@modelarts:shape"] as? String == "polygon")
            #expect(dogProperty["@modelarts:feature"] as? [[Double]] == [[1, 2], [30, 2], [30, 40]])
            #expect(json["unlabeled_reason"] == nil)
        }
    }

    /// The storage refuses the sidecar as a KMS without a grant does: the sample is unlabeled, and says why.
    @Test func unreadableSidecarIsExplained() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "enc/1.jpg", "jpeg")
        fixture.storage.put("b", "enc/1.txt", "cat\n")
        fixture.storage.refuse(
            "enc/1.txt",
            with: StorageError(
                code: "KMS.AccessDeniedException",
                message: "The principal modelarts-service has no grant on key 1234",
                httpStatus: 403,
                details: ["KMSKeyId": "1234", "Principal": "modelarts-service"]
            )
        )
        try await fixture.test { api in
            let id = try await api.createDataset("secret", type: 0, input: "/b/enc/")
            let status = try await api.sync(id)
            #expect(status.status == "COMPLETED")
            let sample = try #require(try await api.samples(id, query: "?sample_state=__NONE__").samples.first)
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/data-annotations/samples/\(sample.sampleId)")
            let json = try answer.json
            let reason = try #require(json["unlabeled_reason"] as? [String: Any])
            #expect(reason["code"] as? String == "sidecar_unreadable")
            #expect(reason["sidecar"] as? String == "enc/1.txt")
            #expect(reason["storage_error_code"] as? String == "KMS.AccessDeniedException")
            #expect(reason["kms_key_id"] as? String == "1234")
            #expect(reason["principal"] as? String == "modelarts-service")
            #expect((reason["message"] as? String)?.isEmpty == false)
            #expect(json["sample_status"] as? String == "__NONE__")
        }
    }

    @Test func incrementalSyncCountsChangesAndSkipsUnchangedSidecars() async throws {
        let fixture = try APIFixture()
        for index in 0..<10 {
            fixture.storage.put("b", "in/\(index).jpg", "jpeg \(index)")
            fixture.storage.put("b", "in/\(index).txt", "cat\n")
        }
        try await fixture.test { api in
            // The creation's import is the first sync; a sync right after it finds nothing new and reads no sidecar.
            let id = try await api.createDataset("grow", type: 0, input: "/b/in/")
            let first = try await api.lastSync(id)
            #expect(first.addSampleCount == 10)
            #expect(first.sidecarsRead == 10)
            let again = try await api.sync(id)
            #expect((again.addSampleCount, again.deletedSampleCount, again.sidecarsRead, again.sidecarsUnchanged) == (0, 0, 0, 10))

            for index in 10..<15 {
                fixture.storage.put("b", "in/\(index).jpg", "jpeg \(index)")
                fixture.storage.put("b", "in/\(index).txt", "dog\n")
            }
            for index in 0..<3 {
                fixture.storage.delete("b", "in/\(index).jpg")
            }
            let readsBefore = fixture.storage.reads.count
            let second = try await api.sync(id)
            #expect(second.status == "COMPLETED")
            #expect(second.addSampleCount == 5)
            #expect(second.deletedSampleCount == 3)
            #expect(second.totalSampleCount == 12)
            #expect(second.sidecarsRead == 5)
            #expect(second.sidecarsUnchanged == 7)
            #expect(fixture.storage.reads.count - readsBefore == 5)
            let remaining = try await api.samples(id)
            #expect(remaining.sampleCount == 12)
        }
    }

    @Test func failedSyncReportsItsError() async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset("nowhere", type: 0, input: "/missing-bucket/in/")
            let status = try await api.sync(id)
            #expect(status.status == "FAILED")
            #expect(status.errorCode?.hasPrefix("ModelArts.") == true)
            #expect(status.errorMessage?.contains("NoSuchBucket") == true, "\(status.errorMessage ?? "")")
        }
    }

    /// The status says RUNNING as soon as the POST has answered, never the previous sync's result.
    @Test func statusIsRunningRightAfterThePost() async throws {
        let fixture = try APIFixture()
        for index in 0..<300 {
            fixture.storage.put("b", "in/\(index).jpg", "jpeg \(index)")
        }
        try await fixture.test { api in
            let id = try await api.createDataset("busy", type: 0, input: "/b/in/")
            _ = try await api.sync(id)
            fixture.storage.put("b", "in/new.jpg", "new")
            let started = try await api.send(.post, "/v2/p/datasets/\(id)/sync-data")
            #expect(started.status == .ok)
            let status = try await api.send(.get, "/v2/p/datasets/\(id)/sync-data/status").decode(ModelArtsAPI.SyncStatus.self)
            #expect(status.status == "RUNNING" || status.addSampleCount == 1)
            let final = try await api.sync(id)
            #expect(final.status == "COMPLETED")
            let all = try await api.samples(id)
            #expect(all.sampleCount == 301)
        }
    }
}
