import Foundation
import HTTPTypes
import Labeling
import LabelingServer
import LabelingTestSupport
import ObslabAPI
import Testing

/// Deleting samples with and without their source files, the impact shown before and after, and the source check.
struct SampleDeletionAPITests {
    /// Two images under `/b/in/`, the first labeled; a second dataset `others` over the same folder.
    struct Shared {
        var owner: String
        var other: String
        /// Sample ids by source, in each dataset.
        var ownerSamples: [String: String]
        var otherSamples: [String: String]
    }

    static func fixture() throws -> APIFixture {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg one")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        fixture.storage.put("b", "in/2.jpg", "jpeg two")
        return fixture
    }

    static func shared(_ api: APIClient) async throws -> Shared {
        let owner = try await api.createDataset("owner", type: 0, input: "/b/in/")
        let other = try await api.createDataset("others", type: 0, input: "/b/in/")
        _ = try await api.sync(owner)
        _ = try await api.sync(other)
        return Shared(
            owner: owner,
            other: other,
            ownerSamples: try await samplesBySource(api, owner),
            otherSamples: try await samplesBySource(api, other)
        )
    }

    static func samplesBySource(_ api: APIClient, _ datasetId: String) async throws -> [String: String] {
        let samples = try await api.samples(datasetId, query: "?limit=100").samples
        return Dictionary(uniqueKeysWithValues: samples.map { ($0.source, $0.sampleId) })
    }

    static func exists(_ fixture: APIFixture, _ bucket: String, _ key: String) async throws -> Bool {
        let listing = try await fixture.storage.listObjects(bucket: bucket, prefix: key, startAfter: nil, maxKeys: 1)
        return listing.objects.first?.key == key
    }

    @Test func impactNamesOtherDatasetsAndVersionsAndDeletesNothing() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let shared = try await Self.shared(api)
            let published = try await api.send(.post, "/v2/p/datasets/\(shared.owner)/versions", json: "{}")
            let versionId = try published.decode(ModelArtsAPI.CreateVersionResponse.self).versionId
            let sampleId = try #require(shared.ownerSamples["obs://b/in/1.jpg"])

            let answer = try await api.send(
                .post,
                "/v2/p/datasets/\(shared.owner)/data-annotations/samples/delete-impact",
                body: ModelArtsAPI.DeleteSamples(samples: [sampleId], deleteSource: true)
            )
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let impact = try answer.decode(ModelArtsAPI.DeletionImpact.self)
            #expect(impact.datasetId == shared.owner)
            #expect(impact.datasetName == "owner")
            #expect(impact.deleteSource)
            #expect(impact.breaksOthers)
            #expect(impact.sourceFiles.map(\.source) == ["obs://b/in/1.jpg"])
            #expect(impact.sourceFiles.first?.sampleIds == [sampleId])
            #expect(impact.sourceFiles.allSatisfy { $0.outcome == nil })
            #expect(impact.sourceFiles.first?.versioningEnabled == false)
            #expect(impact.otherDatasets.map(\.datasetId) == [shared.other])
            #expect(impact.otherDatasets.first?.datasetName == "others")
            #expect(impact.otherDatasets.first?.sampleCount == 1)
            let otherSampleId = try #require(shared.otherSamples["obs://b/in/1.jpg"])
            #expect(impact.otherDatasets.first?.samples.map(\.sampleId) == [otherSampleId])
            #expect(impact.otherDatasets.first?.samples.map(\.source) == ["obs://b/in/1.jpg"])
            let version = try #require(impact.versions.first)
            #expect(impact.versions.count == 1)
            #expect(version.datasetId == shared.owner)
            #expect(version.versionId == versionId)
            #expect(version.versionName == "V001")
            #expect(version.totalSampleCount == 2)
            #expect(version.affectedSampleCount == 1)
            #expect(version.sources == ["obs://b/in/1.jpg"])

            let raw = try answer.json
            let file = try #require((raw["source_files"] as? [[String: Any]])?.first)
            #expect(file.keys.contains("versioning_enabled"), "versioning_enabled is written even when unknown")
            #expect(file["outcome"] == nil)

            #expect(try await Self.exists(fixture, "b", "in/1.jpg"))
            #expect(try await api.samples(shared.owner).sampleCount == 2)
        }
    }

    @Test func deletingWithoutSourceKeepsTheFile() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let shared = try await Self.shared(api)
            let sampleId = try #require(shared.ownerSamples["obs://b/in/1.jpg"])
            let answer = try await api.send(
                .post,
                "/v2/p/datasets/\(shared.owner)/data-annotations/samples/delete",
                json: #"{"samples": ["\#(sampleId)"]}"#
            )
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let deletion = try answer.decode(ModelArtsAPI.SampleDeletion.self)
            #expect(deletion.success)
            #expect(deletion.results.map(\.success) == [true])
            #expect(deletion.results.first?.errorCode == nil)
            #expect(!deletion.impact.deleteSource)
            #expect(!deletion.impact.breaksOthers)
            #expect(deletion.impact.otherDatasets.isEmpty)
            #expect(deletion.impact.versions.isEmpty)

            #expect(try await Self.exists(fixture, "b", "in/1.jpg"))
            let gone = try await api.send(.get, "/v2/p/datasets/\(shared.owner)/data-annotations/samples/\(sampleId)")
            #expect(gone.status == .notFound)
            #expect(try await api.samples(shared.owner).sampleCount == 1)
            #expect(try await api.samples(shared.other).sampleCount == 2)

            let resync = try await api.sync(shared.owner)
            #expect(resync.totalSampleCount == 1, "a deleted sample stays deleted while its file is unchanged")
        }
    }

    /// The file goes; the results follow the request order (an unknown id fails alone); the other dataset and the
    /// version are then reported broken by the source check, naming the deletion.
    @Test func deletingWithSourceBreaksOthersAndTheCheckSaysWho() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let shared = try await Self.shared(api)
            let published = try await api.send(.post, "/v2/p/datasets/\(shared.owner)/versions", json: "{}")
            let versionId = try published.decode(ModelArtsAPI.CreateVersionResponse.self).versionId
            let sampleId = try #require(shared.ownerSamples["obs://b/in/1.jpg"])
            let unknown = "00000000000000000000000000000000"

            let answer = try await api.send(
                .post,
                "/v2/p/datasets/\(shared.owner)/data-annotations/samples/delete",
                body: ModelArtsAPI.DeleteSamples(samples: [unknown, sampleId], deleteSource: true)
            )
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let deletion = try answer.decode(ModelArtsAPI.SampleDeletion.self)
            #expect(!deletion.success)
            #expect(deletion.results.map(\.success) == [false, true])
            #expect(deletion.results.first?.errorCode == "ModelArts.0102")
            #expect(deletion.results.first?.errorMessage?.isEmpty == false)
            #expect(deletion.impact.breaksOthers)
            let file = try #require(deletion.impact.sourceFiles.first)
            #expect(deletion.impact.sourceFiles.count == 1)
            #expect(file.source == "obs://b/in/1.jpg")
            #expect(file.outcome?.status == "deleted")
            #expect(file.outcome?.deleteMarkerVersionId == nil)
            #expect(try await !Self.exists(fixture, "b", "in/1.jpg"))
            #expect(try await api.samples(shared.other).sampleCount == 2, "other datasets keep their samples until they sync")

            let ownerCheck = try await api.send(.get, "/v2/p/datasets/\(shared.owner)/source-check")
            #expect(ownerCheck.status == .ok, "\(ownerCheck.errorMessage)")
            let owner = try ownerCheck.decode(ModelArtsAPI.SourceCheck.self)
            #expect(!owner.intact)
            #expect(owner.checkedSampleCount == 1)
            #expect(owner.missingSampleCount == 0)
            let version = try #require(owner.versions.first { $0.versionId == versionId })
            #expect(version.versionName == "V001")
            #expect(version.totalSampleCount == 2)
            #expect(version.missingSampleCount == 1)
            #expect(version.missing.map(\.source) == ["obs://b/in/1.jpg"])
            #expect(version.missing.first?.deletedBy?.datasetId == shared.owner)
            #expect(version.missing.first?.deletedBy?.sampleId == sampleId)

            let otherCheck = try await api.send(.get, "/v2/p/datasets/\(shared.other)/source-check")
            let other = try otherCheck.decode(ModelArtsAPI.SourceCheck.self)
            #expect(!other.intact)
            #expect(other.datasetName == "others")
            #expect(other.checkedSampleCount == 2)
            #expect(other.missingSampleCount == 1)
            let missing = try #require(other.missingSamples.first)
            #expect(missing.sampleId == shared.otherSamples["obs://b/in/1.jpg"])
            #expect(missing.source == "obs://b/in/1.jpg")
            #expect(missing.deletedBy?.datasetName == "owner")
            #expect(missing.deletedBy?.sampleId == sampleId)
            let raw = try otherCheck.json
            let deletedBy = try #require((raw["missing_samples"] as? [[String: Any]])?.first?["deleted_by"] as? [String: Any])
            let time = try #require(deletedBy["time"] as? Int)
            #expect(abs(Double(time) / 1000 - Date().timeIntervalSince1970) < 600)
            #expect(deletedBy["delete_marker_version_id"] == nil)

            let resync = try await api.sync(shared.other)
            #expect(resync.deletedSampleCount == 1)
        }
    }

    /// The storage refuses to delete the file: the sample stays and its result says why.
    @Test func refusedSourceDeletionKeepsTheSample() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await api.createDataset("owner", type: 0, input: "/b/in/")
            _ = try await api.sync(id)
            let sampleId = try #require(try await Self.samplesBySource(api, id)["obs://b/in/2.jpg"])
            fixture.storage.refuse("in/2.jpg", with: StorageError(code: "AccessDenied", message: "Access Denied", httpStatus: 403))

            let answer = try await api.send(
                .post,
                "/v2/p/datasets/\(id)/data-annotations/samples/delete",
                body: ModelArtsAPI.DeleteSamples(samples: [sampleId], deleteSource: true)
            )
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let deletion = try answer.decode(ModelArtsAPI.SampleDeletion.self)
            #expect(!deletion.success)
            #expect(deletion.results.map(\.success) == [false])
            #expect(deletion.results.first?.errorCode?.hasPrefix("ModelArts.") == true)
            #expect(deletion.results.first?.errorMessage?.contains("AccessDenied") == true)
            let outcome = try #require(deletion.impact.sourceFiles.first?.outcome)
            #expect(outcome.status == "failed")
            #expect(outcome.errorCode == "AccessDenied")
            #expect(outcome.errorMessage == "Access Denied")
            #expect(try await Self.exists(fixture, "b", "in/2.jpg"))
            #expect(try await api.samples(id).sampleCount == 2)
        }
    }

    /// A text sample is a line of a shared file: `delete_source` is ignored and the file stays.
    @Test func textSamplesNeverTakeTheirFile() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "text/combined.txt", "Love it\tpositive\nHate it\tnegative\n")
        try await fixture.test { api in
            let id = try await api.createDataset("texts", type: 100, input: "/b/text/")
            _ = try await api.sync(id)
            let sampleId = try #require(try await api.samples(id).samples.first?.sampleId)
            let answer = try await api.send(
                .post,
                "/v2/p/datasets/\(id)/data-annotations/samples/delete",
                json: #"{"samples": ["\#(sampleId)"], "delete_source": true}"#
            )
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let deletion = try answer.decode(ModelArtsAPI.SampleDeletion.self)
            #expect(deletion.success)
            #expect(!deletion.impact.deleteSource)
            #expect(deletion.impact.sourceFiles.allSatisfy { $0.outcome == nil })
            #expect(try await Self.exists(fixture, "b", "text/combined.txt"))
            #expect(try await api.samples(id).sampleCount == 1)
        }
    }

    @Test func checkOfAnIntactDatasetAndOfAFileRemovedOutsideObslab() async throws {
        let fixture = try Self.fixture()
        try await fixture.test { api in
            let id = try await api.createDataset("plain", type: 0, input: "/b/in/")
            _ = try await api.sync(id)
            let intact = try await api.send(.get, "/v2/p/datasets/\(id)/source-check").decode(ModelArtsAPI.SourceCheck.self)
            #expect(intact.intact)
            #expect(intact.checkedSampleCount == 2)
            #expect(intact.missingSampleCount == 0)
            #expect(intact.missingSamples.isEmpty)

            fixture.storage.delete("b", "in/2.jpg")
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/source-check")
            let check = try answer.decode(ModelArtsAPI.SourceCheck.self)
            #expect(!check.intact)
            #expect(check.missingSamples.map(\.source) == ["obs://b/in/2.jpg"])
            #expect(check.missingSamples.first?.deletedBy == nil)
            let raw = try answer.json
            #expect((raw["missing_samples"] as? [[String: Any]])?.first?.keys.contains("deleted_by") == false)
        }
    }

    /// A storage that cannot tell whether a bucket keeps versions still gets `versioning_enabled`, as null.
    @Test func unknownVersioningIsWrittenAsNull() throws {
        let json = #"{"source": "obs://b/k", "sample_ids": ["s"], "versioning_enabled": null}"#
        let file = try ModelArtsAPI.makeDecoder().decode(ModelArtsAPI.SourceFile.self, from: Data(json.utf8))
        let written = String(decoding: try ModelArtsAPI.makeEncoder().encode(file), as: UTF8.self)
        #expect(written == #"{"sample_ids":["s"],"source":"obs://b/k","versioning_enabled":null}"#)
    }

    @Test(arguments: [
        (#"{"delete_source": true}"#, "samples"),
        (#"{"samples": []}"#, "samples"),
        (#"{"samples": "abc"}"#, "samples"),
        (#"{"samples": ["a", 2]}"#, "samples[1]"),
        (#"{"samples": ["a"], "delete_source": "yes"}"#, "delete_source"),
        (#"{"samples": ["a"], "delete_source": 1}"#, "delete_source"),
        (#"["a"]"#, "body"),
        (#"{"samples": ["#, "body"),
        ("", "body"),
    ])
    func badDeletionRequestNamesTheField(body: String, field: String) async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset("d", type: 0, input: "/b/in/")
            for operation in ["delete", "delete-impact"] {
                let answer = try await api.send(.post, "/v2/p/datasets/\(id)/data-annotations/samples/\(operation)", json: body)
                #expect(answer.status == .badRequest, "\(operation)")
                #expect(answer.errorCode == "ModelArts.0104", "\(operation)")
                #expect(answer.errorMessage.hasPrefix("Invalid parameter \(field):"), "\(operation): \(answer.errorMessage)")
            }
        }
    }

    @Test func moreThanAThousandSamplesAreRefused() async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset("d", type: 0, input: "/b/in/")
            let ids = (0...1000).map { String(format: "%032x", $0) }
            let answer = try await api.send(
                .post,
                "/v2/p/datasets/\(id)/data-annotations/samples/delete",
                body: ModelArtsAPI.DeleteSamples(samples: ids)
            )
            #expect(answer.status == .badRequest)
            #expect(answer.errorMessage.hasPrefix("Invalid parameter samples:"), "\(answer.errorMessage)")
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.post, "/data-annotations/samples/delete"),
        (.post, "/data-annotations/samples/delete-impact"),
        (.get, "/source-check"),
    ])
    func unknownDatasetIsNotFound(method: HTTPRequest.Method, path: String) async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(
                method,
                "/v2/p/datasets/00000000000000000000000000000000" + path,
                json: method == .post ? #"{"samples": ["00000000000000000000000000000000"]}"# : nil
            )
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "ModelArts.4352")
        }
    }
}
