/// Decides whether a principal may perform an S3 action on a bucket or an object, and says why, as S3 evaluates it:
///
/// 1. a bucket policy statement that denies it wins over everything, the bucket owner included (who may still manage
///    the policy itself);
/// 2. an object that belongs to another principal than the bucket's owner answers only to its owner and its ACL;
/// 3. the bucket's owner may do everything on the bucket;
/// 4. otherwise a policy statement that allows it, an ACL grant, or — for the labeling service in the owner's buckets —
///    a rule of its agency; else it is denied.
///
/// Pure: it reads only what it is given. The S3 front asks it before each operation; the labeling layer's storage asks
/// it as `modelarts-service`.
public struct Authorizer: Sendable {
    /// The server's owner: the account's root for policies, and the principal whose buckets the agency opens.
    public let owner: String
    /// What the labeling service may do in the owner's buckets.
    public let agency: Agency

    public init(owner: String, agency: Agency = .standard) {
        self.owner = owner
        self.agency = agency
    }

    public func decision(
        principal: Principal, action: S3Action, bucket: BucketAccess, key: String?, context: AccessContext
    )
        -> AccessDecision
    {
        let conditions = principalConditions(principal, adding: context.conditions)
        let resource = "arn:aws:s3:::\(bucket.name)" + (key.map { "/" + $0 } ?? "")
        let isBucketOwner = principal.name == bucket.owner
        let policyStatements = { (effect: PolicyStatement.Effect) in
            bucket.policy?.statements(
                effect,
                applyingTo: principal,
                action: action,
                resource: resource,
                context: conditions,
                accountRoot: owner
            ) ?? []
        }
        if let deny = policyStatements(.deny).first {
            if isBucketOwner && Self.policyManagement.contains(action) { return .allowed(.ownerManagesPolicy(deniedBy: deny.label)) }
            return .denied(.policyStatement(label: deny.label, effect: .deny))
        }
        if Self.objectOwnerActions.contains(action), let object = context.object, object.owner != bucket.owner {
            if principal.name == object.owner { return .allowed(.objectOwner(object.owner)) }
            if let grant = objectGrant(action, object: object, bucket: bucket, principal: principal) {
                return .allowed(.aclGrant(grant, onObject: true))
            }
            return .denied(.objectOwnedByAnother(object.owner))
        }
        if isBucketOwner { return .allowed(.bucketOwner(bucket.owner)) }
        if let allow = policyStatements(.allow).first { return .allowed(.policyStatement(label: allow.label, effect: .allow)) }
        if case (let permission, let onObject)? = Self.aclRequirement[action] {
            if onObject, let object = context.object, let grant = objectGrant(action, object: object, bucket: bucket, principal: principal) {
                return .allowed(.aclGrant(grant, onObject: true))
            }
            if !onObject, let grant = bucket.acl.grant(allowing: permission, to: principal) {
                return .allowed(.aclGrant(grant, onObject: false))
            }
        }
        if principal.name == Principal.labelingService && bucket.owner == owner {
            let listPrefix = conditions.values(for: "s3:prefix").first
            if let rule = agency.rule(allowing: action, bucket: bucket.name, key: key, listPrefix: listPrefix) {
                return .allowed(.agencyRule(rule))
            }
            return .denied(.outsideAgency(principal: Principal.labelingService))
        }
        return .denied(.noGrant)
    }

    /// The grant of an object's ACL (or, as OBS delivers them, of its bucket's) that allows `action`.
    private func objectGrant(_ action: S3Action, object: ObjectAccess, bucket: BucketAccess, principal: Principal) -> Grant? {
        guard case (let permission, _)? = Self.aclRequirement[action] else { return nil }
        if let grant = object.acl.grant(allowing: permission, to: principal) { return grant }
        guard object.acl.inheritsDelivered else { return nil }
        return bucket.acl.grants.first { $0.delivered && $0.permission.covers(permission) && $0.grantee.includes(principal) }
    }

    /// The request context keys every request has from its principal: `aws:username`, `aws:PrincipalArn`…
    private func principalConditions(_ principal: Principal, adding context: ConditionContext) -> ConditionContext {
        var conditions = context
        guard let name = principal.name else {
            conditions.set("aws:PrincipalType", "Anonymous")
            return conditions
        }
        let isRoot = name == owner
        conditions.set("aws:username", isRoot ? nil : name)
        conditions.set("aws:userid", isRoot ? Principal.accountId : principal.canonicalId)
        conditions.set("aws:PrincipalArn", isRoot ? "arn:aws:iam::\(Principal.accountId):root" : principal.arn)
        conditions.set("aws:PrincipalAccount", Principal.accountId)
        conditions.set("aws:PrincipalType", isRoot ? "Account" : "User")
        return conditions
    }

    /// Whether deciding `action` reads the object's owner and ACL (reading an object or its ACL does).
    public static func readsObject(for action: S3Action) -> Bool {
        objectOwnerActions.contains(action)
    }

    /// What the bucket owner may do whatever the policy denies: manage the policy, as the root of an S3 account can.
    static let policyManagement: Set<S3Action> = [.getBucketPolicy, .putBucketPolicy, .deleteBucketPolicy]

    /// Actions on an object that its owner controls (reading it and its ACL): the bucket's owner needs a grant on an
    /// object someone else wrote, as on S3.
    static let objectOwnerActions: Set<S3Action> = [
        .getObject, .getObjectVersion, .getObjectAcl, .getObjectVersionAcl, .putObjectAcl, .putObjectVersionAcl,
        .getObjectAttributes, .getObjectVersionAttributes,
    ]

    /// The ACL permission each action needs, and whether on the object (true) or on the bucket, as S3 maps them. Writes
    /// and deletions of objects are the bucket's WRITE; the bucket's settings and policy are for its owner and policies.
    static let aclRequirement: [S3Action: (Permission, Bool)] = [
        .listBucket: (.read, false), .listBucketVersions: (.read, false), .listBucketMultipartUploads: (.read, false),
        .putObject: (.write, false), .deleteObject: (.write, false), .abortMultipartUpload: (.write, false),
        .listMultipartUploadParts: (.write, false), .getBucketAcl: (.readACP, false), .putBucketAcl: (.writeACP, false),
        .getObject: (.read, true), .getObjectVersion: (.read, true), .getObjectAcl: (.readACP, true),
        .getObjectVersionAcl: (.readACP, true), .putObjectAcl: (.writeACP, true), .putObjectVersionAcl: (.writeACP, true),
        .getObjectAttributes: (.read, true), .getObjectVersionAttributes: (.read, true),
    ]
}
