import Testing

@testable import AccessControl

/// The Authorizer's decisions and their reasons: ownership, ACL grants, bucket policies (Deny first), objects owned by
/// another principal, anonymous requests, and the labeling service's agency.
@Suite struct AuthorizerTests {
    static let owner = "owner"
    static let alice = Principal.named("alice")
    static let service = Principal.named(Principal.labelingService)

    static func bucket(owner: String = owner, acl: AccessControlList? = nil, policy: String? = nil, name: String = "photos") throws -> BucketAccess {
        BucketAccess(
            name: name,
            owner: owner,
            acl: acl ?? .private(owner: owner),
            policy: try policy.map { try BucketPolicy(parsing: Array($0.utf8), bucket: name, dialect: .s3, principals: nil) }
        )
    }

    static func policy(_ statements: String...) -> String {
        #"{"Version":"2012-10-17","Statement":["# + statements.joined(separator: ",") + "]}"
    }

    static let authorizer = Authorizer(owner: owner)

    @Test func theBucketOwnerMayDoEverythingOthersNothing() throws {
        let bucket = try Self.bucket()
        for action in S3Action.implemented where action.level != .service {
            let key = action.level == .object ? "a.jpg" : nil
            let owners = Self.authorizer.decision(principal: .named(Self.owner), action: action, bucket: bucket, key: key, context: .init())
            #expect(owners == AccessDecision.allowed(.bucketOwner(Self.owner)), "\(action)")
            let alices = Self.authorizer.decision(principal: Self.alice, action: action, bucket: bucket, key: key, context: .init())
            #expect(alices.description == "denied: no grant", "\(action)")
        }
    }

    @Test(arguments: [
        (CannedACL.publicRead, Principal.anonymous, S3Action.listBucket, true),
        (CannedACL.publicRead, Principal.anonymous, S3Action.putObject, false),
        (CannedACL.publicReadWrite, Principal.anonymous, S3Action.putObject, true),
        (CannedACL.authenticatedRead, Principal.anonymous, S3Action.listBucket, false),
        (CannedACL.authenticatedRead, Principal.named("alice"), S3Action.listBucket, true),
        (CannedACL.publicRead, Principal.named("alice"), S3Action.getBucketAcl, false),
        (CannedACL.private, Principal.named("alice"), S3Action.listBucket, false),
    ])
    func bucketACLs(_ canned: CannedACL, _ principal: Principal, _ action: S3Action, _ allowed: Bool) throws {
        let bucket = try Self.bucket(acl: canned.acl(owner: Self.owner, bucketOwner: Self.owner))
        let key = action.level == .object ? "k" : nil
        #expect(Self.authorizer.decision(principal: principal, action: action, bucket: bucket, key: key, context: .init()).isAllowed == allowed)
    }

    @Test func anObjectACLGrantIsNamedInTheReason() throws {
        let object = ObjectAccess(owner: Self.owner, acl: CannedACL.publicRead.acl(owner: Self.owner, bucketOwner: Self.owner))
        let decision = Self.authorizer.decision(
            principal: .anonymous,
            action: .getObject,
            bucket: try Self.bucket(),
            key: "a.jpg",
            context: AccessContext(object: object)
        )
        #expect(decision.isAllowed && decision.description == "allowed by ACL grant READ to AllUsers on the object")
    }

    @Test func theBucketOwnerNeedsAGrantOnAnotherPrincipalsObject() throws {
        let bucket = try Self.bucket(acl: CannedACL.publicReadWrite.acl(owner: Self.owner, bucketOwner: Self.owner))
        let written = ObjectAccess(owner: "alice", acl: .private(owner: "alice"))
        let read = { (principal: Principal, object: ObjectAccess) in
            Self.authorizer.decision(principal: principal, action: .getObject, bucket: bucket, key: "k", context: AccessContext(object: object))
        }
        #expect(read(.named(Self.owner), written).description == "denied: the object belongs to alice and its ACL grants nothing to this principal")
        #expect(read(Self.alice, written) == .allowed(.objectOwner("alice")))
        let shared = ObjectAccess(owner: "alice", acl: CannedACL.bucketOwnerFullControl.acl(owner: "alice", bucketOwner: Self.owner))
        #expect(read(.named(Self.owner), shared).description == "allowed by ACL grant FULL_CONTROL to owner on the object")
        // Deleting is the bucket's WRITE: the bucket owner may delete what others wrote.
        let deletion = Self.authorizer.decision(
            principal: .named(Self.owner),
            action: .deleteObject,
            bucket: bucket,
            key: "k",
            context: AccessContext(object: written)
        )
        #expect(deletion.isAllowed)
    }

    @Test func aDenyStatementBeatsAnAllowTheOwnerAndTheACL() throws {
        let bucket = try Self.bucket(
            acl: CannedACL.publicRead.acl(owner: Self.owner, bucketOwner: Self.owner),
            policy: Self.policy(
                #"{"Sid":"AliceReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::000000000000:user/alice"},"#
                    + #""Action":"s3:*","Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/*"]}"#,
                #"{"Sid":"NoSecrets","Effect":"Deny","Principal":"*","Action":"s3:*","#
                    + #""Resource":["arn:aws:s3:::photos/secret/*","arn:aws:s3:::photos"]}"#
            )
        )
        let decide = { (principal: Principal, action: S3Action, key: String?) in
            Self.authorizer.decision(principal: principal, action: action, bucket: bucket, key: key, context: .init())
        }
        #expect(decide(Self.alice, .getObject, "public/a").description == #"allowed by statement "AliceReads" of the bucket policy"#)
        #expect(decide(Self.alice, .getObject, "secret/a").description == #"denied by statement "NoSecrets" of the bucket policy"#)
        #expect(decide(.named(Self.owner), .getObject, "secret/a").description == #"denied by statement "NoSecrets" of the bucket policy"#)
        #expect(decide(.anonymous, .listBucket, nil).description == #"denied by statement "NoSecrets" of the bucket policy"#)
        // The owner still manages the policy that locks everyone out.
        #expect(decide(.named(Self.owner), .deleteBucketPolicy, nil).isAllowed)
        #expect(!decide(Self.alice, .deleteBucketPolicy, nil).isAllowed)
    }

    @Test func theUnencryptedUploadDenyPolicyReadsTheEncryptionHeader() throws {
        let bucket = try Self.bucket(
            policy: Self.policy(
                #"{"Sid":"DenyIncorrectEncryptionHeader","Effect":"Deny","Principal":"*","Action":"s3:PutObject","#
                    + #""Resource":"arn:aws:s3:::photos/*","#
                    + #""Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}}"#,
                #"{"Sid":"DenyUnEncryptedObjectUploads","Effect":"Deny","Principal":"*","Action":"s3:PutObject","#
                    + #""Resource":"arn:aws:s3:::photos/*","Condition":{"Null":{"s3:x-amz-server-side-encryption":"true"}}}"#
            )
        )
        let put = { (encryption: String?) in
            var conditions = ConditionContext()
            conditions.set("s3:x-amz-server-side-encryption", encryption)
            let context = AccessContext(conditions: conditions)
            return Self.authorizer.decision(principal: .named(Self.owner), action: .putObject, bucket: bucket, key: "k", context: context)
        }
        #expect(put(nil).description == #"denied by statement "DenyIncorrectEncryptionHeader" of the bucket policy"#)
        #expect(put("AES256").description == #"denied by statement "DenyIncorrectEncryptionHeader" of the bucket policy"#)
        #expect(put("aws:kms").isAllowed)
    }

    /// The labeling layer's storage will ask this, as `modelarts-service`: the agency opens the owner's buckets as far as
    /// its rules go, and a bucket policy Deny applies to the service like to anyone.
    @Test func theLabelingServiceActsThroughTheAgencyAndADenyStillApplies() throws {
        let agency = Agency(rules: [
            Agency.Rule(bucket: "photos", prefix: "train/", access: .read),
            Agency.Rule(bucket: "photos", prefix: "output/", access: .readWrite),
        ])
        let authorizer = Authorizer(owner: Self.owner, agency: agency)
        let bucket = try Self.bucket(
            policy: Self.policy(
                #"{"Sid":"NoServiceOnPrivate","Effect":"Deny","#
                    + #""Principal":{"AWS":"arn:aws:iam::000000000000:user/modelarts-service"},"Action":"s3:GetObject","#
                    + #""Resource":"arn:aws:s3:::photos/train/private/*"}"#
            )
        )
        let decide = { (action: S3Action, key: String?, prefix: String?) in
            var conditions = ConditionContext()
            conditions.set("s3:prefix", prefix)
            let context = AccessContext(conditions: conditions)
            return authorizer.decision(principal: Self.service, action: action, bucket: bucket, key: key, context: context)
        }
        #expect(decide(.getObject, "train/cat.jpg", nil).description == "allowed by the agency rule photos/train/* (read)")
        #expect(decide(.listBucket, nil, "train/").description == "allowed by the agency rule photos/train/* (read)")
        #expect(decide(.getObject, "train/private/x.jpg", nil).description == #"denied by statement "NoServiceOnPrivate" of the bucket policy"#)
        #expect(
            decide(.putObject, "train/new.jpg", nil).description
                == "denied: the agency of modelarts-service does not cover it (see `obslab agency show`)"
        )
        #expect(decide(.putObject, "output/V001.manifest", nil).description == "allowed by the agency rule photos/output/* (read-write)")
        #expect(!decide(.listBucket, nil, nil).isAllowed)
        #expect(!decide(.putBucketPolicy, nil, nil).isAllowed)
        // The standard agency reads and writes every bucket of the owner, and no one else's.
        let standard = Authorizer(owner: Self.owner)
        let owners = standard.decision(principal: Self.service, action: .getObject, bucket: try Self.bucket(), key: "any", context: .init())
        #expect(owners.description == "allowed by the agency rule */* (read-write)")
        let alices = try Self.bucket(owner: "alice")
        let elsewhere = standard.decision(principal: Self.service, action: .getObject, bucket: alices, key: "any", context: .init())
        #expect(elsewhere.description == "denied: no grant")
        // Without an agency the service may do nothing in the owner's buckets.
        let none = Authorizer(owner: Self.owner, agency: Agency(rules: []))
        #expect(!none.decision(principal: Self.service, action: .getObject, bucket: try Self.bucket(), key: "any", context: .init()).isAllowed)
    }

    @Test func policyConditionsSeeThePrincipal() throws {
        let bucket = try Self.bucket(
            policy: Self.policy(
                #"{"Sid":"Homes","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/home/${aws:username}/*"}"#
            )
        )
        #expect(Self.authorizer.decision(principal: Self.alice, action: .getObject, bucket: bucket, key: "home/alice/a", context: .init()).isAllowed)
        #expect(!Self.authorizer.decision(principal: Self.alice, action: .getObject, bucket: bucket, key: "home/bob/a", context: .init()).isAllowed)
        #expect(!Self.authorizer.decision(principal: .anonymous, action: .getObject, bucket: bucket, key: "home/alice/a", context: .init()).isAllowed)
    }

    @Test func deliveredBucketGrantsReachObjectsUnlessTheyOptOut() throws {
        let bucket = try Self.bucket(acl: CannedACL.publicReadDelivered.acl(owner: Self.owner, bucketOwner: Self.owner))
        var object = ObjectAccess(owner: Self.owner, acl: .private(owner: Self.owner))
        let read = { (object: ObjectAccess) in
            Self.authorizer.decision(principal: .anonymous, action: .getObject, bucket: bucket, key: "k", context: AccessContext(object: object))
        }
        #expect(read(object).isAllowed)
        object.acl.inheritsDelivered = false
        #expect(!read(object).isAllowed)
    }
}
