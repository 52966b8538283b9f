import Foundation
import LabelFormats
import Labeling
import LabelingTestSupport
import Testing

/// The permission cause of "unlabeled": what the storage's `AccessDenied` does to a sync, a diagnosis and a publish,
/// apart from the KMS cause.
@Suite("The labeling service's permissions")
struct PermissionCauseTests {
    static func policyDenial(_ key: String, statement: String = "DenyService") -> StorageError {
        .accessDenied(
            AccessDenial(cause: .bucketPolicy, operation: .read, bucket: "data", key: key, principal: "modelarts-service", statement: statement)
        )
    }

    /// Three labeled images: one refused by a policy statement, one by the KMS, one readable.
    func mixedDataset(_ fixture: LabelingFixture) async throws -> Dataset {
        let storage = fixture.storage
        for name in ["denied", "kms", "fine"] {
            storage.put("data", "img/\(name).jpg", "jpeg")
            storage.put("data", "img/\(name).txt", "Cat\n")
        }
        storage.refuse("img/denied.txt", with: Self.policyDenial("img/denied.txt"))
        storage.refuse("img/kms.txt", with: DiagnosisTests.kmsRefusal)
        return try await fixture.createDataset("mixed", .imageClassification, input: "obs://data/img/")
    }

    @Test func aPolicyDenialIsItsOwnUnlabeledReason() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await mixedDataset(fixture)
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let denied = try #require(try await fixture.sample(dataset, key: "img/denied.jpg")?.unlabeledReason)
        #expect(denied.code == .accessDenied)
        #expect(denied.message == "the labeling service may not read obs://data/img/denied.txt (denied by bucket policy statement \"DenyService\")")
        #expect(denied.sidecarKey == "img/denied.txt")
        #expect(denied.storageErrorCode == "AccessDenied")
        #expect(denied.principal == "modelarts-service")
        #expect(denied.accessDenial?.statement == "DenyService")
        let kms = try #require(try await fixture.sample(dataset, key: "img/kms.jpg")?.unlabeledReason)
        #expect(kms.code == .sidecarUnreadable)
        #expect(kms.accessDenial == nil)
        #expect(try await fixture.sample(dataset, key: "img/fine.jpg")?.annotations.map(\.name) == ["Cat"])
    }

    /// The diagnosis tells the two causes apart sample by sample, and names the statement and its fix.
    @Test func theDiagnosisSeparatesPermissionFromEncryption() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await mixedDataset(fixture)
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let diagnosis = try await fixture.service.diagnose(datasetId: dataset.id)
        #expect(Set(diagnosis.groups.map(\.cause)) == [.accessDenied, .encryptedKMS])
        let permission = try #require(diagnosis.groups.first { $0.cause == .accessDenied })
        #expect(permission.samples.map(\.key) == ["img/denied.jpg"])
        #expect(permission.accessDenial?.cause == .bucketPolicy)
        #expect(permission.explanation.contains("denied by bucket policy statement \"DenyService\""))
        #expect(permission.remediations.map(\.action) == [.removePolicyStatement(bucket: "data", statement: "DenyService")])
        #expect(!permission.isEncryption)
        #expect(diagnosis.groups.first { $0.cause == .encryptedKMS }?.samples.map(\.key) == ["img/kms.jpg"])
        #expect(diagnosis.encryptionIsCause)
        #expect(diagnosis.notes.contains { $0.hasPrefix("Permissions, not encryption, keep 1 sample unlabeled") })
    }

    /// A refusal is asked again at the next sync even though the label file did not change: lifting it labels the sample.
    @Test func liftingTheDenialLabelsTheSampleAtTheNextSync() async throws {
        let fixture = try LabelingFixture()
        let dataset = try await mixedDataset(fixture)
        _ = try await fixture.service.sync(datasetId: dataset.id)
        fixture.storage.refuse("img/denied.txt", with: nil)

        _ = try await fixture.service.sync(datasetId: dataset.id)
        let sample = try #require(try await fixture.sample(dataset, key: "img/denied.jpg"))
        #expect(sample.annotations.map(\.name) == ["Cat"])
        #expect(sample.unlabeledReason == nil)
    }

    @Test(arguments: [
        (AccessDenial.Cause.outsideAgency, Remediation.Action.addAgencyRule(bucket: "data", prefix: "img/", access: .read)),
        (.unspecified, .explainAccess(bucket: "data", key: "img/a.txt")),
        (.objectACL, .grantObjectRead(bucket: "data", key: "img/a.txt")),
        (.noGrant, .allowInBucketPolicy(bucket: "data", prefix: "img/")),
        (.bucketPolicy, .explainAccess(bucket: "data", key: "img/a.txt")),
    ])
    func eachDenialHasItsFix(cause: AccessDenial.Cause, fix: Remediation.Action) async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/a.jpg", "jpeg")
        fixture.storage.put("data", "img/a.txt", "Cat\n")
        let denial = AccessDenial(cause: cause, operation: .read, bucket: "data", key: "img/a.txt", principal: "modelarts-service")
        fixture.storage.refuse("img/a.txt", with: .accessDenied(denial))
        let dataset = try await fixture.createDataset("one", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let group = try #require(try await fixture.service.diagnose(datasetId: dataset.id).groups.first)
        #expect(group.cause == .accessDenied)
        #expect(group.remediations.map(\.action) == [fix])
        #expect(group.explanation.contains(denial.because))
    }

    /// An S3 server's bare `AccessDenied` is still the permission cause, not "unreadable".
    @Test func aBareAccessDeniedIsAPermissionCause() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/a.jpg", "jpeg")
        fixture.storage.put("data", "img/a.txt", "Cat\n")
        fixture.storage.refuse("img/a.txt", with: StorageError(code: "AccessDenied", message: "Access Denied", httpStatus: 403))
        let dataset = try await fixture.createDataset("bare", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)

        let reason = try #require(try await fixture.sample(dataset, key: "img/a.jpg")?.unlabeledReason)
        #expect(reason.code == .accessDenied)
        #expect(reason.accessDenial?.cause == .unspecified)
        #expect(reason.message == "the labeling service may not read obs://data/img/a.txt (the storage denied access without saying why)")
    }

    /// An input path the service may not list fails the sync, naming the bucket: the samples already there stay.
    @Test func aListingDenialFailsTheSyncAndKeepsTheSamples() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/a.jpg", "jpeg")
        fixture.storage.put("data", "img/a.txt", "Cat\n")
        let dataset = try await fixture.createDataset("listing", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let denial = AccessDenial(
            cause: .bucketPolicy,
            operation: .list,
            bucket: "data",
            key: "img/",
            principal: "modelarts-service",
            statement: "NoListing"
        )
        fixture.storage.refuseBucket("data", with: .accessDenied(denial))

        do {
            _ = try await fixture.service.sync(datasetId: dataset.id)
            Issue.record("a sync whose listing was denied succeeded")
        } catch let error as LabelingError {
            #expect(error.code == .storageAccessDenied)
            #expect(error.kind == .forbidden)
            #expect(error.message.contains("may not list obs://data/img/ (denied by bucket policy statement \"NoListing\")"))
            #expect(error.message.contains("bucket data refuses modelarts-service"))
        }
        let status = try #require(try await fixture.service.syncStatus(datasetId: dataset.id))
        #expect(status.status == .failed)
        #expect(status.error?.code == .storageAccessDenied)
        #expect(try await fixture.samples(dataset).map(\.key) == ["img/a.jpg"])
        let notes = try await fixture.service.diagnose(datasetId: dataset.id).notes
        #expect(notes.contains { $0.hasPrefix("The last sync failed: The labeling service may not list obs://data/img/") })
    }

    /// A manifest the service may not write fails the publish with the reason; no version is recorded.
    @Test func aRefusedPublishNamesTheDenialAndRecordsNothing() async throws {
        let fixture = try LabelingFixture()
        fixture.storage.put("data", "img/a.jpg", "jpeg")
        fixture.storage.put("data", "img/a.txt", "Cat\n")
        let dataset = try await fixture.createDataset("publish", .imageClassification, input: "obs://data/img/")
        _ = try await fixture.service.sync(datasetId: dataset.id)
        let denial = AccessDenial(cause: .outsideAgency, operation: .write, bucket: "output", key: "", principal: "modelarts-service")
        fixture.storage.refuseBucket("output", with: .accessDenied(denial))

        do {
            _ = try await fixture.service.publishVersion(datasetId: dataset.id, VersionSpec(name: "V001"))
            Issue.record("a publish the storage refused succeeded")
        } catch let error as LabelingError {
            #expect(error.code == .storageAccessDenied)
            #expect(error.message.contains("may not write obs://output/ (no agency grant for this bucket/prefix)"))
            #expect(error.message.hasSuffix("so version V001 was not published"))
        }
        #expect(try await fixture.service.listVersions(datasetId: dataset.id, offset: 0, limit: 10).total == 0)
        #expect(try await fixture.sample(dataset, key: "img/a.jpg")?.annotations.map(\.name) == ["Cat"])
    }
}
