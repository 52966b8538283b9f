import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

@Suite("Diagnosing unlabeled samples")
struct DiagnosisTests {
    static let kmsRefusal = StorageError(
        code: "KMS.AccessDeniedException",
        message: "User: modelarts-service is not authorized to perform: kms:Decrypt on resource: key-1",
        httpStatus: 403,
        details: ["KMSKeyId": "key-1", "Principal": "modelarts-service"]
    )
    static let customerKeyRefusal = StorageError(
        code: "InvalidRequest",
        message: "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.",
        httpStatus: 400
    )

    /// One dataset with a sample per cause: each lands in its own group.
    @Test func groupsEachCause() async throws {
        let fixture = try LabelingFixture()
        let storage = fixture.storage
        for name in ["bare", "kms1", "kms2", "ssec", "broken"] { storage.put("data", "img/\(name).jpg", "jpeg") }
        for name in ["kms1", "kms2", "ssec"] { storage.put("data", "img/\(name).txt", "Cat\n") }
        storage.put("data", "img/broken.txt", "\n\n")
        storage.refuse("img/kms1.txt", with: Self.kmsRefusal)
        storage.refuse("img/kms2.txt", with: Self.kmsRefusal)
        storage.refuse("img/ssec.txt", with: Self.customerKeyRefusal)
        let since = Date(timeIntervalSince1970: 1_700_000_000)
        storage.setDefaultEncryption("data", DefaultEncryption(algorithm: .kms, since: since))
        storage.addKey(KeyDescription(id: "key-1", aliases: ["obs/default"]))
        let dataset = try await fixture.createDataset("mixed", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let diagnosis = try await fixture.service.diagnose(datasetId: dataset.id)

        #expect(diagnosis.counts == SampleCounts(all: 5, labeled: 0, unlabeled: 5))
        #expect(diagnosis.encryptionIsCause)
        #expect(diagnosis.groups.map(\.cause) == [.encryptedKMS, .noLabelFile, .encryptedCustomerKey, .malformed])
        let kms = try #require(diagnosis.groups.first { $0.cause == .encryptedKMS })
        #expect(kms.samples.map(\.key).sorted() == ["img/kms1.jpg", "img/kms2.jpg"])
        #expect(kms.kmsKeyId == "key-1")
        #expect(kms.kmsKeyAliases == ["obs/default"])
        #expect(kms.principal == "modelarts-service")
        #expect(kms.explanation.contains("alias/obs/default"))
        #expect(kms.explanation.contains("2023-11-14T22:13:20Z"))
        #expect(diagnosis.groups.first { $0.cause == .encryptedCustomerKey }?.samples.map(\.sidecarKey) == ["img/ssec.txt"])
        #expect(diagnosis.groups.first { $0.cause == .noLabelFile }?.samples.map(\.key) == ["img/bare.jpg"])
        let malformed = try #require(diagnosis.groups.first { $0.cause == .malformed }?.samples.first)
        #expect(malformed.sidecarKey == "img/broken.txt")
        #expect(malformed.position != nil)
        #expect(diagnosis.remediations.map(\.action) == [.copyToNewBucket(bucket: "data-plain"), .disableBucketEncryption])
        #expect(diagnosis.remediations.allSatisfy { $0.datasetName == "mixed" })
        #expect(diagnosis.notes.contains { $0.contains("ModelArts.4826") })
        #expect(diagnosis.notes.contains { $0.contains("SSE-C") })
    }

    /// SSE-S3 objects are readable by the labeling service: the bucket's encryption must not be blamed.
    @Test func serverManagedEncryptionIsNotBlamed() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "jpeg")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        fixture.storage.put("data", "img/2.jpg", "jpeg")
        fixture.storage.setDefaultEncryption("data", DefaultEncryption(algorithm: .aes256))
        let dataset = try await fixture.createDataset("s3managed", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let diagnosis = try await fixture.service.diagnose(datasetId: dataset.id)

        #expect(!diagnosis.encryptionIsCause)
        #expect(diagnosis.bucketEncryption?.algorithm == .aes256)
        #expect(diagnosis.groups.map(\.cause) == [.noLabelFile])
        #expect(diagnosis.remediations.isEmpty)
        #expect(diagnosis.notes.contains { $0.hasPrefix("Encryption is not the cause") })
    }

    /// The bucket default deleted but the objects not uploaded again: still encryption, and the diagnosis says why.
    @Test func deletedDefaultEncryptionIsATrap() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "jpeg")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        fixture.storage.refuse("img/1.txt", with: Self.kmsRefusal)
        let dataset = try await fixture.createDataset("trap", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let diagnosis = try await fixture.service.diagnose(datasetId: dataset.id)

        #expect(diagnosis.encryptionIsCause)
        #expect(diagnosis.notes.contains { $0.contains("does not decrypt objects already stored") })
    }

    /// The new-bucket fix: the dataset moves to a bucket holding plaintext copies, keeps its samples, and labels them.
    @Test func updateInputPathKeepsSamples() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/1.jpg", "jpeg")
        fixture.storage.put("data", "img/1.txt", "Cat\n")
        fixture.storage.refuse("img/1.txt", with: Self.kmsRefusal)
        let dataset = try await fixture.createDataset("moving", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let before = try #require(try await fixture.sample(dataset, key: "img/1.jpg"))
        fixture.storage.put("plain", "copy/1.jpg", "jpeg")
        fixture.storage.put("plain", "copy/1.txt", "Cat\n")

        let moved = try await fixture.service.updateDataset(id: dataset.id, inputPath: "obs://plain/copy/")
        #expect(moved.inputPath == "obs://plain/copy/")
        let report = try await fixture.service.sync(datasetId: dataset.id)

        #expect(report.addedSampleCount == 0 && report.deletedSampleCount == 0)
        let after = try #require(try await fixture.sample(dataset, key: "copy/1.jpg"))
        #expect(after.id == before.id)
        #expect(after.bucket == "plain")
        #expect(after.labelNames == ["Cat"])
        await #expect(throws: LabelingError.self) {
            try await fixture.service.updateDataset(id: dataset.id, inputPath: "obs://output/")
        }
    }
}
