import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Why a sample is unlabeled")
struct UnlabeledReasonTests {
    @Test func noSidecar() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "det/1.jpg", "jpeg")
        let dataset = try await fixture.createDataset("bare", .objectDetection, input: "obs://data/det/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let reason = try #require(try await fixture.sample(dataset, key: "det/1.jpg")?.unlabeledReason)
        #expect(reason.code == .noSidecar)
        #expect(reason.message.contains("det/1.xml"))
        #expect(reason.sidecarKey == nil)
    }

    /// The encryption symptom: the listing works, the sidecar read is refused by the KMS, the sample is unlabeled.
    @Test func sidecarRefusedByTheKMS() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "jpeg")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        let refusal = StorageError(
            code: "KMS.AccessDeniedException",
            message: "Principal modelarts-service has no grant on key 0f1e2d3c",
            httpStatus: 403,
            details: ["KMSKeyId": "0f1e2d3c", "Principal": "modelarts-service"]
        )
        fixture.storage.refuse("img/1.txt", with: refusal)
        let dataset = try await fixture.createDataset("encrypted", .imageClassification, input: "obs://data/img/")

        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.status == .succeeded)
        #expect(report.sidecarsRead == 1)
        let sample = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        #expect(sample.annotations.isEmpty)
        #expect(sample.labelSource == nil)
        let reason = try #require(sample.unlabeledReason)
        #expect(reason.code == .sidecarUnreadable)
        #expect(reason.sidecarKey == "img/1.txt")
        #expect(reason.storageErrorCode == "KMS.AccessDeniedException")
        #expect(reason.kmsKeyId == "0f1e2d3c")
        #expect(reason.principal == "modelarts-service")
        #expect(reason.message == refusal.message)

        // Once the service may read it (a grant), the next sync reads it again although its ETag did not change.
        fixture.storage.refuse("img/1.txt", with: nil)
        let again = try await fixture.service.sync(datasetId: dataset.id)
        #expect(again.sidecarsRead == 1)
        #expect(again.sidecarsUnchanged == 0)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["Cat"])
    }

    @Test func malformedSidecarGivesThePosition() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "det/1.jpg", "jpeg")
        fixture.storage.put("data", "det/1.xml", "<annotation><object><name>Cat</name><bndbox><xmin>1</xmin></bndbox></object></annotation>")
        fixture.storage.put("data", "det/2.jpg", "jpeg")
        fixture.storage.put("data", "det/2.xml", "<annotation><object>")
        let dataset = try await fixture.createDataset("broken", .objectDetection, input: "obs://data/det/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let skipped = try #require(try await fixture.sample(dataset, key: "det/1.jpg")?.unlabeledReason)
        #expect(skipped.code == .sidecarMalformed)
        #expect(skipped.sidecarKey == "det/1.xml")
        #expect(skipped.position?.hasPrefix("annotation/object[1]") == true)
        #expect(!skipped.message.isEmpty)
        let notXML = try #require(try await fixture.sample(dataset, key: "det/2.jpg")?.unlabeledReason)
        #expect(notXML.code == .sidecarMalformed)
        #expect(notXML.position != nil)
    }

    @Test func labelsOfAnotherType() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "jpeg")
        fixture.storage.put("data", "img/1.xml", LabelingFixture.voc([("Cat", [1, 2, 3, 4])]))
        let dataset = try await fixture.createDataset("classes-only", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let reason = try #require(try await fixture.sample(dataset, key: "img/1.jpg")?.unlabeledReason)
        #expect(reason.code == .labelsOfAnotherType)
        #expect(reason.sidecarKey == "img/1.xml")

        // The right sidecar appearing next to it is noticed.
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        #expect(try await fixture.sample(dataset, key: "img/1.jpg")?.labelNames == ["Cat"])
    }
}
