import Foundation
import HTTPTypes
import Labeling
import LabelingServer
import LabelingTestSupport
import NIOCore
import ObslabAPI
import Testing

/// The web console's files are served without the token while the API keeps asking for it; a sample's object is
/// read through the labeling service's storage, and fails as that storage fails.
struct ConsoleTests {
    @Test(arguments: [
        ("/console", "text/html; charset=utf-8", "<script src=\"/console/app.js\"></script>"),
        ("/console/api.js", "text/javascript; charset=utf-8", "X-Auth-Token"),
        ("/console/style.css", "text/css; charset=utf-8", ".label"),
    ])
    func consoleFilesNeedNoToken(path: String, contentType: String, excerpt: String) async throws {
        try await APIFixture().test { api in
            let answer = try await api.send(.get, path, token: nil)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == contentType)
            #expect(answer.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(String(buffer: answer.body).contains(excerpt))
        }
    }

    /// The binary serves each file of `Console/Assets` exactly as it is in the repository: the generated sources that
    /// compile them in (Scripts/generate-console-assets.sh) are up to date and none is missing (its `--check` finds extra ones).
    @Test func servedFilesAreTheRepositorysFiles() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/LabelingServer/Console/Assets").standardizedFileURL
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.contains("index.html") && names.contains("app.js") && names.contains("style.css"))
        try await APIFixture().test { api in
            for name in names {
                let expected = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                let answer = try await api.send(.get, "/console/\(name)", token: nil)
                #expect(answer.status == .ok, "\(name)")
                #expect(
                    String(buffer: answer.body) == expected,
                    "\(name) differs from what the binary serves: run Scripts/generate-console-assets.sh"
                )
            }
            let page = try await api.send(.get, "/console", token: nil)
            #expect(String(buffer: page.body) == (try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)))
        }
    }

    /// Only the console's files are public: the API, and any other path under `/console`, still need the token.
    @Test(arguments: ["/v2/p/datasets", "/console/other.js", "/console/app.js/x"])
    func everythingElseNeedsTheToken(path: String) async throws {
        try await APIFixture().test { api in
            let refused = try await api.send(.get, path, token: nil)
            #expect(refused.status == .unauthorized)
            #expect(refused.errorCode == "ModelArts.0101")
        }
    }

    @Test func sampleContentIsTheObjectWithItsType() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "jpeg one")
        fixture.storage.put("b", "in/1.txt", "cat\n")
        try await fixture.test { api in
            let datasetId = try await api.createDataset("pictures", type: 0, input: "/b/in/")
            _ = try await api.sync(datasetId)
            let sample = try #require(try await api.samples(datasetId).samples.first)
            let path = "/v2/p/datasets/\(datasetId)/data-annotations/samples/\(sample.sampleId)/content"

            let answer = try await api.send(.get, path)
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "image/jpeg")
            #expect(answer.headers[.xContentTypeOptions] == "nosniff")
            #expect(String(buffer: answer.body) == "jpeg one")

            #expect(try await api.send(.get, path, token: nil).status == .unauthorized)
            let unknown = try await api.send(.get, "/v2/p/datasets/\(datasetId)/data-annotations/samples/nosuchsample/content")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "ModelArts.0102")
        }
    }

    /// An object behind a KMS key the service may not use answers 403 with the storage's code, not the bytes.
    @Test func sampleContentTheServiceMayNotReadFailsAsTheStorageDoes() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("b", "in/1.jpg", "ciphertext")
        try await fixture.test { api in
            let datasetId = try await api.createDataset("pictures", type: 0, input: "/b/in/")
            _ = try await api.sync(datasetId)
            let sample = try #require(try await api.samples(datasetId).samples.first)
            fixture.storage.refuse(
                "in/1.jpg",
                with: StorageError(
                    code: "KMS.AccessDeniedException",
                    message: "modelarts-service may not use key obs/default",
                    httpStatus: 403,
                    details: [StorageError.kmsKeyIdDetail: "obs/default", StorageError.principalDetail: "modelarts-service"]
                )
            )

            let answer = try await api.send(.get, "/v2/p/datasets/\(datasetId)/data-annotations/samples/\(sample.sampleId)/content")
            #expect(answer.status == .forbidden)
            #expect(answer.headers[.contentType] == "application/json")
            #expect(answer.errorCode == "ModelArts.4363")
            #expect(answer.errorMessage.contains("KMS.AccessDeniedException"))
            #expect(answer.errorMessage.contains("modelarts-service"))
            #expect(!String(buffer: answer.body).contains("ciphertext"))
        }
    }
}
