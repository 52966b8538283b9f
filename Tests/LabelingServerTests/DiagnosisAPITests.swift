import Foundation
import HTTPTypes
import Labeling
import LabelingServer
import LabelingTestSupport
import ObslabAPI
import Testing

/// The diagnosis as the API renders the domain's values: causes by name, and each remediation as the command that
/// does it.
struct DiagnosisAPITests {
    @Test func encryptedLabelFilesAreExplainedWithTheCommandsThatFixThem() async throws {
        let fixture = try APIFixture()
        fixture.storage.put("photos", "in/1.jpg", "jpeg one")
        fixture.storage.put("photos", "in/1.txt", "cat\n")
        fixture.storage.put("photos", "in/2.jpg", "jpeg two")
        fixture.storage.refuse(
            "in/1.txt",
            with: StorageError(
                code: "KMS.AccessDeniedException",
                message: "not granted",
                httpStatus: 403,
                details: ["KMSKeyId": "key-1", "Principal": "modelarts-service"]
            )
        )
        try await fixture.test { api in
            let id = try await api.createDataset("pets", type: 0, input: "/photos/in/")
            _ = try await api.sync(id)
            let answer = try await api.send(.get, "/v2/p/datasets/\(id)/diagnosis")
            #expect(answer.status == .ok, "\(answer.errorMessage)")
            let diagnosis = try answer.decode(ModelArtsAPI.Diagnosis.self)
            #expect(diagnosis.encryptionIsCause)
            #expect(Set(diagnosis.groups.map(\.cause)) == ["encrypted_kms", "no_label_file"])
            #expect(
                diagnosis.remediations.map(\.command) == [
                    "obslab remediate new-bucket pets --bucket photos-plain", "obslab remediate disable-encryption pets",
                ]
            )
            #expect(diagnosis.remediations.allSatisfy { !$0.description.isEmpty })
        }
    }

    /// The domain's errors keep the HTTP statuses and ModelArts codes the API answered before they were the API's.
    @Test func labelingErrorsAnswerTheirStatusAndModelArtsCode() async throws {
        try await APIFixture().test { api in
            let unknown = "0123456789abcdef0123456789abcdef"
            let noDataset = try await api.send(.get, "/v2/p/datasets/\(unknown)")
            #expect(noDataset.status == .notFound && noDataset.errorCode == "ModelArts.4352")

            let id = try await api.createDataset("errors", type: 0, input: "/b/in/")
            let noVersion = try await api.send(.get, "/v2/p/datasets/\(id)/versions/\(unknown)")
            #expect(noVersion.status == .notFound && noVersion.errorCode == "ModelArts.0102")

            let taken = try await api.send(
                .post,
                "/v2/p/datasets",
                json: #"{"dataset_name": "errors", "dataset_type": 0, "data_sources": [{"data_path": "/b/other/"}], "work_path": "/b/out/"}"#
            )
            #expect(taken.status == .conflict && taken.errorCode == "ModelArts.0103")

            let badDescription = try await api.send(.put, "/v2/p/datasets/\(id)", json: #"{"description": "a < b"}"#)
            #expect(badDescription.status == .badRequest && badDescription.errorCode == "ModelArts.0104")
        }
    }
}
