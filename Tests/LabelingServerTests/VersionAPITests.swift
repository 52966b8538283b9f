import Foundation
import HTTPTypes
import LabelFormats
import Labeling
import LabelingServer
import LabelingTestSupport
import NIOCore
import ObslabAPI
import Testing

/// Publishing, listing, showing and deleting dataset versions through the API.
struct VersionAPITests {
    /// Two labeled images and one unlabeled, under `/b/in/`.
    static func pets() throws -> APIFixture {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg one")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        fixture.storage.put("b", "in/2.jpg", "jpeg two")
        fixture.storage.put("b", "in/2.txt", "dog\n")
        fixture.storage.put("b", "in/3.jpg", "jpeg three")
        return fixture
    }

    @Test func publishedVersionIsDescribedInModelArtsTerms() async throws {
        let fixture = try Self.pets()
        try await fixture.test { api in
            let id = try await api.createDataset(
                "pets",
                type: 0,
                input: "/b/in/",
                labels: ##"[{"name": "cat", "property": {"@modelarts:color": "#3399ff"}}, {"name": "dog"}]"##
            )
            _ = try await api.sync(id)
            let created = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: #"{"description": "first", "version_format": "Default"}"#)
            #expect(created.status == .created, "\(created.errorMessage)")
            let versionId = try created.decode(ModelArtsAPI.CreateVersionResponse.self).versionId

            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/versions/\(versionId)")
            #expect(answer.status == .ok)
            let version = try answer.decode(ModelArtsAPI.Version.self)
            #expect(version.versionId == versionId)
            #expect(version.versionName == "V001")
            #expect(version.versionFormat == "Default")
            #expect(version.status == 1)
            #expect(version.description == "first")
            #expect(version.totalSampleCount == 3)
            #expect(version.annotatedSampleCount == 2)
            #expect(version.addSampleCount == 3)
            #expect(version.isCurrent)
            #expect(version.labelType == "single")
            #expect(version.taskType == 0)
            #expect(version.manifestPath == "/out/labels/pets-\(id)/annotation/V001/V001.manifest")
            let cat = try #require(version.labelStats.first { $0.name == "cat" })
            #expect(cat.type == 0)
            #expect(cat.count == 1)
            #expect(cat.sampleCount == 1)
            #expect(cat.property["@modelarts:color"] == .string("#3399ff"))

            let raw = try answer.json
            #expect(raw["previous_version_id"] == nil)
            #expect(raw["create_time"] is Int)

            let manifests = try await fixture.storage.listObjects(
                bucket: "out",
                prefix: "labels/pets-\(id)/annotation/",
                startAfter: nil,
                maxKeys: 10
            )
            #expect(manifests.objects.map(\.key) == ["labels/pets-\(id)/annotation/V001/V001.manifest"])
        }
    }

    @Test func versionsAreListedNewestFirstAndDeleted() async throws {
        let fixture = try Self.pets()
        try await fixture.test { api in
            let id = try await api.createDataset("pets", type: 0, input: "/b/in/")
            _ = try await api.sync(id)
            let first = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: "{}")
            #expect(first.status == .created, "\(first.errorMessage)")
            let firstId = try first.decode(ModelArtsAPI.CreateVersionResponse.self).versionId
            let second = try await api.send(.post, "/v2/p/datasets/\(id)/versions", body: ModelArtsAPI.CreateVersion(versionName: "release-2"))
            #expect(second.status == .created, "\(second.errorMessage)")
            let secondId = try second.decode(ModelArtsAPI.CreateVersionResponse.self).versionId

            let list = try await api.send(.get, "/v2/p/datasets/\(id)/versions").decode(ModelArtsAPI.VersionList.self)
            #expect(list.totalNumber == 2)
            #expect(list.versions.map(\.versionName) == ["release-2", "V001"])
            #expect(list.versions.map(\.isCurrent) == [true, false])
            #expect(list.versions.first?.previousVersionId == firstId)
            let page = try await api.send(.get, "/v2/p/datasets/\(id)/versions?offset=1&limit=1").decode(ModelArtsAPI.VersionList.self)
            #expect(page.totalNumber == 2)
            #expect(page.versions.map(\.versionId) == [firstId])

            let deleted = try await api.send(.delete, "/v2/p/datasets/\(id)/versions/\(secondId)")
            #expect(deleted.status == .noContent)
            #expect(deleted.body.readableBytes == 0)
            let gone = try await api.send(.get, "/v2/p/datasets/\(id)/versions/\(secondId)")
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "ModelArts.0102")
            let again = try await api.send(.delete, "/v2/p/datasets/\(id)/versions/\(secondId)")
            #expect(again.status == .notFound)
            let remaining = try await api.send(.get, "/v2/p/datasets/\(id)/versions").decode(ModelArtsAPI.VersionList.self)
            #expect(remaining.versions.map(\.versionId) == [firstId])
            #expect(remaining.versions.first?.isCurrent == true)
        }
    }

    /// Added, modified and deleted samples are counted against the previous version; two labels make `multi`.
    @Test func nextVersionCountsChangesAgainstThePrevious() async throws {
        let fixture = try Self.pets()
        try await fixture.test { api in
            let id = try await api.createDataset("pets", type: 0, input: "/b/in/")
            _ = try await api.sync(id)
            let first = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: "{}")
            let firstId = try first.decode(ModelArtsAPI.CreateVersionResponse.self).versionId

            fixture.storage.put("b", "in/4.jpg", "jpeg four")
            fixture.storage.put("b", "in/2.txt", "dog\ncat\n")
            fixture.storage.delete("b", "in/3.jpg")
            _ = try await api.sync(id)
            let second = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: #"{"description": "second"}"#)
            let secondId = try second.decode(ModelArtsAPI.CreateVersionResponse.self).versionId

            let version = try await api.send(.get, "/v2/p/datasets/\(id)/versions/\(secondId)").decode(ModelArtsAPI.Version.self)
            #expect(version.versionName == "V002")
            #expect(version.previousVersionId == firstId)
            #expect(version.totalSampleCount == 3)
            #expect(version.addSampleCount == 1)
            #expect(version.modifiedSampleCount == 1)
            #expect(version.deletedSampleCount == 1)
            #expect(version.labelType == "multi")
            #expect(version.labelStats.first { $0.name == "cat" }?.sampleCount == 2)
            let previous = try await api.send(.get, "/v2/p/datasets/\(id)/versions/\(firstId)").decode(ModelArtsAPI.Version.self)
            #expect(!previous.isCurrent)
        }
    }

    @Test func duplicateOrMalformedNameIsRefused() async throws {
        let fixture = try Self.pets()
        try await fixture.test { api in
            let id = try await api.createDataset("pets", type: 0, input: "/b/in/")
            _ = try await api.sync(id)
            let first = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: #"{"version_name": "V1"}"#)
            #expect(first.status == .created, "\(first.errorMessage)")
            let twice = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: #"{"version_name": "V1"}"#)
            #expect(twice.status == .conflict)
            let malformed = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: #"{"version_name": "no spaces"}"#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "ModelArts.0104")
        }
    }

    @Test(arguments: [
        (#"{"version_format": "CSV"}"#, "version_format"),
        (#"{"version_name": 5}"#, "version_name"),
        (#"{"description": true}"#, "description"),
        (#"{"export_images": "yes"}"#, "export_images"),
        (#"["V001"]"#, "body"),
        (#"{"version_name": "#, "body"),
        ("", "body"),
    ])
    func badPublishRequestNamesTheField(body: String, field: String) async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset("d", type: 0, input: "/b/in/")
            let answer = try await api.send(.post, "/v2/p/datasets/\(id)/versions", json: body)
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "ModelArts.0104")
            #expect(answer.errorMessage.hasPrefix("Invalid parameter \(field):"), "\(answer.errorMessage)")
        }
    }

    @Test(arguments: [("?limit=0", "limit"), ("?limit=1001", "limit"), ("?limit=all", "limit"), ("?offset=-1", "offset")])
    func badListQueryNamesTheParameter(query: String, parameter: String) async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset("d", type: 0, input: "/b/in/")
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/versions\(query)")
            #expect(answer.status == .badRequest)
            #expect(answer.errorCode == "ModelArts.0104")
            #expect(answer.errorMessage.hasPrefix("Invalid parameter \(parameter):"), "\(answer.errorMessage)")
        }
    }

    @Test(arguments: [
        (HTTPRequest.Method.get, "/versions"),
        (.post, "/versions"),
        (.get, "/versions/00000000000000000000000000000000"),
        (.delete, "/versions/00000000000000000000000000000000"),
    ])
    func unknownDatasetIsNotFound(method: HTTPRequest.Method, path: String) async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(method, "/v2/p/datasets/00000000000000000000000000000000" + path, json: method == .post ? "{}" : nil)
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "ModelArts.4352")
        }
    }

    @Test func unknownVersionIsNotFound() async throws {
        try await APIFixture().test { api in
            let id = try await api.createDataset("d", type: 0, input: "/b/in/")
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/versions/00000000000000000000000000000000")
            #expect(answer.status == .notFound)
            #expect(answer.errorCode == "ModelArts.0102")
        }
    }

    @Test func versionsPathTakesOnlyItsMethods() async throws {
        try await APIFixture().test { api in
            let list = try await api.send(.put, "/v2/p/datasets/0123/versions")
            #expect(list.status == .methodNotAllowed)
            #expect(list.headers[.allow] == "GET, POST")
            let one = try await api.send(.post, "/v2/p/datasets/0123/versions/V001")
            #expect(one.status == .methodNotAllowed)
            #expect(one.headers[.allow] == "DELETE, GET")
        }
    }
}
