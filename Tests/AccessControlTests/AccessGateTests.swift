import Foundation
import KeyManagement
import Logging
import NIOCore
import ObjectStore
import Testing

@testable import AccessControl

/// The Authorizer over a real store: owners, ACL documents, policies and the agency as the store keeps them.
@Suite struct AccessGateTests {
    static func withGate(_ body: (AccessGate, ObjectStore) async throws -> Void) async throws {
        let root = FileManager.default.temporaryDirectory.path + "/obslab-access-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try await ObjectStore.open(
            dataRoot: root,
            rootKey: .generate(),
            logger: Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        defer { try? store.close() }
        try await body(AccessGate(store: store), store)
    }

    static func put(_ store: ObjectStore, _ bucket: String, _ key: String, owner: String? = nil, acl: String? = nil) async throws {
        let body = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(string: "data"))
            continuation.finish()
        }
        let staged = try await store.stage(body)
        _ = try await store.putObject(bucket: bucket, key: key, staged: staged, attributes: ObjectAttributes(), owner: owner, acl: acl)
    }

    @Test func decidesFromWhatTheStoreKeeps() async throws {
        try await Self.withGate { gate, store in
            _ = try await store.createUser(name: "alice")
            _ = try await store.createBucket("photos")
            _ = try await store.createBucket("alices", owner: "alice")
            try await Self.put(store, "photos", "mine.jpg")
            try await Self.put(store, "photos", "hers.jpg", owner: "alice")
            let owner = Principal.named(store.owner)
            #expect(try await gate.decision(principal: owner, action: .getObject, bucket: "photos", key: "mine.jpg").isAllowed)
            #expect(
                try await gate.decision(principal: owner, action: .getObject, bucket: "photos", key: "hers.jpg").description
                    == "denied: the object belongs to alice and its ACL grants nothing to this principal")
            #expect(try await gate.decision(principal: owner, action: .listBucket, bucket: "alices").description == "denied: no grant")
            #expect(try await gate.decision(principal: .named("alice"), action: .listBucket, bucket: "alices").isAllowed)

            try await store.setBucketACL("photos", CannedACL.publicRead.acl(owner: store.owner, bucketOwner: store.owner).document)
            #expect(
                try await gate.decision(principal: .anonymous, action: .listBucket, bucket: "photos").description
                    == "allowed by ACL grant READ to AllUsers on the bucket")
            let policy =
                #"{"Statement":[{"Sid":"Closed","Effect":"Deny","Principal":"*","Action":"s3:ListBucket","#
                + #""Resource":"arn:aws:s3:::photos"}]}"#
            try await store.setBucketPolicy("photos", policy)
            #expect(
                try await gate.decision(principal: .anonymous, action: .listBucket, bucket: "photos").description
                    == #"denied by statement "Closed" of the bucket policy"#)
            #expect(try await store.listBuckets(owner: "alice").map(\.name) == ["alices"])
            #expect(try await gate.knownPrincipals().names == [store.owner, "alice", Principal.labelingService])
        }
    }

    @Test func theAgencyPersistsAndDecidesForTheService() async throws {
        try await Self.withGate { gate, store in
            _ = try await store.createBucket("photos")
            try await Self.put(store, "photos", "train/a.jpg")
            try await Self.put(store, "photos", "test/a.jpg")
            let service = Principal.named(Principal.labelingService)
            #expect(try await gate.agency() == .standard)
            #expect(try await gate.decision(principal: service, action: .getObject, bucket: "photos", key: "test/a.jpg").isAllowed)

            try await gate.setAgency(Agency(rules: [Agency.Rule(bucket: "photos", prefix: "train/", access: .read)]))
            #expect(try await gate.decision(principal: service, action: .getObject, bucket: "photos", key: "train/a.jpg").isAllowed)
            #expect(!(try await gate.decision(principal: service, action: .getObject, bucket: "photos", key: "test/a.jpg").isAllowed))
            // Another principal's decisions never read the agency.
            #expect(try await gate.decision(principal: .named(store.owner), action: .getObject, bucket: "photos", key: "test/a.jpg").isAllowed)

            try await gate.setAgency(Agency(rules: []))
            #expect(try await store.agencyDocument(principal: Principal.labelingService) == #"{"rules":[]}"#)
            #expect(!(try await gate.decision(principal: service, action: .getObject, bucket: "photos", key: "train/a.jpg").isAllowed))
            try await gate.setAgency(nil)
            #expect(try await gate.agency() == .standard)
        }
    }

    @Test func ownersACLsPoliciesAndTheAgencySurviveARestart() async throws {
        let root = FileManager.default.temporaryDirectory.path + "/obslab-access-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let logger = Logger(label: "tests", factory: { _ in SwiftLogNoOpLogHandler() })
        let rootKey = RootKey.generate()
        let agency = Agency(rules: [Agency.Rule(bucket: "*", prefix: "datasets/", access: .read)])
        let acl = CannedACL.publicRead.acl(owner: "alice", bucketOwner: "alice")
        let policy = #"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::shared/*"}]}"#
        do {
            let store = try await ObjectStore.open(dataRoot: root, rootKey: rootKey, logger: logger)
            _ = try await store.createBucket("shared", owner: "alice", acl: acl.document)
            try await Self.put(store, "shared", "k", owner: "bob", acl: CannedACL.bucketOwnerRead.acl(owner: "bob", bucketOwner: "alice").document)
            try await store.setBucketPolicy("shared", policy)
            try await AccessGate(store: store).setAgency(agency)
            try store.close()
        }
        let store = try await ObjectStore.open(dataRoot: root, rootKey: rootKey, logger: logger)
        defer { try? store.close() }
        let gate = AccessGate(store: store)
        let bucket = try await store.bucket("shared")
        #expect(bucket.owner == "alice" && bucket.policy == policy)
        #expect(try gate.bucketAccess(bucket).acl == acl)
        #expect(try await gate.agency() == agency)
        #expect(
            try await gate.decision(principal: .named("alice"), action: .getObject, bucket: "shared", key: "k").description
                == "allowed by ACL grant READ to alice on the object")
        #expect(
            try await gate.decision(principal: .named("alice"), action: .deleteObject, bucket: "shared", key: "k").description
                == "denied by statement #1 of the bucket policy")
    }

    @Test func aclDocumentsRoundTrip() throws {
        let acl = AccessControlList(
            grants: [Grant(.user("alice"), .fullControl), Grant(.group(.allUsers), .read, delivered: true)],
            inheritsDelivered: false
        )
        #expect(try AccessControlList.stored(acl.document, owner: "alice") == acl)
        #expect(try AccessControlList.stored(nil, owner: "bob") == .private(owner: "bob"))
        #expect(throws: AccessControlError.self) { try AccessControlList.stored("{nonsense", owner: "bob") }
    }

    @Test func grantHeadersResolveIdsAndGroups() throws {
        let directory = PrincipalDirectory(names: ["owner", "alice"])
        let alice = Principal.canonicalId(of: "alice")
        let grants = try GrantHeaders.grants(
            from: [
                "x-amz-grant-read": #"uri="http://acs.amazonaws.com/groups/global/AllUsers", id="\#(alice)""#,
                "x-amz-grant-full-control": "id=\(alice)",
            ],
            directory: directory
        )
        #expect(grants == [Grant(.group(.allUsers), .read), Grant(.user("alice"), .read), Grant(.user("alice"), .fullControl)])
        #expect(throws: AccessControlError(.invalidArgument, "Invalid id", argumentName: "id", argumentValue: "nobody")) {
            try GrantHeaders.grants(from: ["x-amz-grant-read": "id=nobody"], directory: directory)
        }
        #expect(throws: AccessControlError.self) {
            try GrantHeaders.grants(from: ["x-amz-grant-read": #"emailAddress="a@b.c""#], directory: directory)
        }
    }

    @Test func canonicalIdsAreStableHexDigests() {
        let id = Principal.canonicalId(of: "alice")
        #expect(id.count == 64 && id.allSatisfy(\.isHexDigit) && id == Principal.named("alice").canonicalId)
        #expect(id != Principal.canonicalId(of: "bob"))
        #expect(PrincipalDirectory(names: ["alice"]).name(forCanonicalId: id.uppercased()) == "alice")
    }
}
