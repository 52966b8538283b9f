import ObjectStore
import Synchronization

/// The `Authorizer` over an `ObjectStore`: reads the owners, ACLs, policy and agency that a decision needs, and keeps
/// the ACL, policy and agency documents it writes consistent. The S3 front asks it before every operation; the
/// labeling layer's local storage is to ask it as `modelarts-service`, for the same answers.
public final class AccessGate: Sendable {
    public let store: ObjectStore
    /// Parsed policies by their text: a policy is parsed once, not at every request.
    private let parsedPolicies = Mutex<[String: BucketPolicy]>([:])
    private static let parsedPolicyLimit = 256

    public init(store: ObjectStore) {
        self.store = store
    }

    /// The server's owner, root of the account and grantor of the agency.
    public var owner: String { store.owner }

    /// Whether `principal` may perform `action` on `bucket` (and `key`), reading what the decision needs from the store.
    /// - Parameters:
    ///   - versionId: the version an object-level action concerns (nil: the latest).
    ///   - conditions: the request's condition keys (`aws:SourceIp`, `s3:prefix`, …).
    /// - Throws: NoSuchBucket for a missing bucket; a missing object is decided without its ACL.
    public func decision(
        principal: Principal,
        action: S3Action,
        bucket: String,
        key: String? = nil,
        versionId: String? = nil,
        conditions: ConditionContext = ConditionContext()
    ) async throws -> AccessDecision {
        try await decision(
            principal: principal,
            action: action,
            bucket: try await store.bucket(bucket),
            key: key,
            versionId: versionId,
            conditions: conditions
        )
    }

    /// As `decision(principal:action:bucket:key:versionId:conditions:)`, for a bucket already read.
    public func decision(
        principal: Principal,
        action: S3Action,
        bucket: Bucket,
        key: String?,
        versionId: String?,
        conditions: ConditionContext
    ) async throws -> AccessDecision {
        let version = await objectVersion(for: action, bucket: bucket, key: key, versionId: versionId)
        return try await decision(principal: principal, action: action, bucket: bucket, key: key, version: version, conditions: conditions)
    }

    /// Whether `principal` may go on with `action`, as the S3 front and the labeling service's storage ask before
    /// acting: allowed, or, for a read of an object that does not exist, allowed to list the bucket (and so to learn
    /// NoSuchKey rather than AccessDenied, as on S3; others cannot learn what does not exist).
    /// - Returns: the decision, and the object version it read, for the operation to use rather than read again.
    public func check(
        principal: Principal,
        action: S3Action,
        bucket: Bucket,
        key: String?,
        versionId: String?,
        conditions: ConditionContext
    ) async throws -> CheckedAccess {
        let version = await objectVersion(for: action, bucket: bucket, key: key, versionId: versionId)
        let decision = try await decision(principal: principal, action: action, bucket: bucket, key: key, version: version, conditions: conditions)
        if decision.isAllowed { return CheckedAccess(decision: decision, mayProceed: true, version: version) }
        guard key != nil, Authorizer.readsObject(for: action), version == nil else {
            return CheckedAccess(decision: decision, mayProceed: false, version: nil)
        }
        let listing = try await self.decision(
            principal: principal, action: .listBucket, bucket: bucket, key: nil, version: nil, conditions: conditions)
        return CheckedAccess(decision: decision, mayProceed: listing.isAllowed, version: nil)
    }

    /// The object version a decision on `action` needs: its owner and ACL, for the actions the object's owner controls.
    private func objectVersion(for action: S3Action, bucket: Bucket, key: String?, versionId: String?) async -> ObjectVersion? {
        guard let key, Authorizer.readsObject(for: action) else { return nil }
        return try? await store.headObject(bucket: bucket.name, key: key, versionId: versionId)
    }

    private func decision(
        principal: Principal,
        action: S3Action,
        bucket: Bucket,
        key: String?,
        version: ObjectVersion?,
        conditions: ConditionContext
    ) async throws -> AccessDecision {
        try await authorizer(for: principal).decision(
            principal: principal,
            action: action,
            bucket: try bucketAccess(bucket),
            key: key,
            context: AccessContext(object: version.flatMap { try? objectAccess($0, bucketOwner: bucket.owner) }, conditions: conditions)
        )
    }

    /// The owner and ACL of a version, or nil when it does not exist (or is a delete marker).
    public func existingObject(bucket: Bucket, key: String, versionId: String?) async -> ObjectAccess? {
        guard let version = try? await store.headObject(bucket: bucket.name, key: key, versionId: versionId) else { return nil }
        return try? objectAccess(version, bucketOwner: bucket.owner)
    }

    /// An authorizer for `principal`: only the labeling service's decisions read the agency.
    public func authorizer(for principal: Principal) async throws -> Authorizer {
        guard principal.name == Principal.labelingService else { return Authorizer(owner: owner) }
        return Authorizer(owner: owner, agency: try await agency())
    }

    /// A bucket's owner, ACL and parsed policy.
    public func bucketAccess(_ bucket: Bucket) throws -> BucketAccess {
        BucketAccess(
            name: bucket.name,
            owner: bucket.owner,
            acl: try AccessControlList.stored(bucket.acl, owner: bucket.owner),
            policy: try bucket.policy.map { try parsedPolicy($0, bucket: bucket.name) }
        )
    }

    /// An object version's owner (its writer, or the bucket's owner) and ACL.
    public func objectAccess(_ version: ObjectVersion, bucketOwner: String) throws -> ObjectAccess {
        let owner = version.owner ?? bucketOwner
        return ObjectAccess(owner: owner, acl: try AccessControlList.stored(version.acl, owner: owner))
    }

    /// The principals grants and policies may name: the owner, the users, and the labeling service.
    public func knownPrincipals() async throws -> PrincipalDirectory {
        PrincipalDirectory(names: [owner] + (try await store.listUsers().map(\.name)) + [Principal.labelingService])
    }

    // MARK: The agency

    /// The labeling service's agency: the standard one until the owner sets another.
    public func agency() async throws -> Agency {
        try Agency.stored(try await store.agencyDocument(principal: Principal.labelingService))
    }

    /// Sets the agency; nil goes back to the standard one.
    public func setAgency(_ agency: Agency?) async throws {
        try await store.setAgencyDocument(agency?.document, principal: Principal.labelingService)
    }

    private func parsedPolicy(_ text: String, bucket: String) throws -> BucketPolicy {
        let cacheKey = bucket + "\u{0}" + text
        if let cached = parsedPolicies.withLock({ $0[cacheKey] }) { return cached }
        let policy = try BucketPolicy.stored(text, bucket: bucket)
        parsedPolicies.withLock { cache in
            if cache.count >= Self.parsedPolicyLimit { cache.removeAll() }
            cache[cacheKey] = policy
        }
        return policy
    }
}
