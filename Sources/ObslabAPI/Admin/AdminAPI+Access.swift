/// The access-control documents of the admin API: explanations (`access/explain`) and the labeling service's agency
/// (`agency`).
extension AdminAPI {
    /// The body of `POST access/explain`: what may `principal` do on `bucket` (or `key`), and why.
    public struct ExplainRequest: Codable, Sendable {
        /// A principal name: the owner, a user, `modelarts-service`, or `anonymous` for unsigned requests.
        public var principal: String
        public var bucket: String
        public var key: String?
        public var versionId: String?
        /// Actions to explain (`s3:GetObject`); nil: the usual ones for a bucket or a key.
        public var actions: [String]?
        /// Condition keys the request would carry (`aws:SecureTransport`, `s3:x-amz-server-side-encryption`…).
        public var conditions: [String: String]?

        public init(
            principal: String,
            bucket: String,
            key: String? = nil,
            versionId: String? = nil,
            actions: [String]? = nil,
            conditions: [String: String]? = nil
        ) {
            self.principal = principal
            self.bucket = bucket
            self.key = key
            self.versionId = versionId
            self.actions = actions
            self.conditions = conditions
        }
    }

    /// One action's answer.
    public struct ExplainedDecision: Codable, Sendable {
        public var action: String
        public var allowed: Bool
        /// `allowed by statement "X" of the bucket policy`, `denied: no grant`…
        public var reason: String

        public init(action: String, allowed: Bool, reason: String) {
            self.action = action
            self.allowed = allowed
            self.reason = reason
        }
    }

    public struct ExplainResult: Codable, Sendable {
        public var principal: String
        public var bucket: String
        public var key: String?
        public var bucketOwner: String
        /// The object's owner when the key names an existing object.
        public var objectOwner: String?
        /// The bucket's ACL grants, as `READ to AllUsers` (`delivered` when OBS objects inherit it).
        public var bucketGrants: [String]
        /// The object's ACL grants when the key names an existing object.
        public var objectGrants: [String]?
        /// Whether the bucket has a policy (`obslab policy show` prints it).
        public var hasPolicy: Bool
        public var decisions: [ExplainedDecision]

        public init(
            principal: String,
            bucket: String,
            key: String?,
            bucketOwner: String,
            objectOwner: String?,
            bucketGrants: [String],
            objectGrants: [String]?,
            hasPolicy: Bool,
            decisions: [ExplainedDecision]
        ) {
            self.principal = principal
            self.bucket = bucket
            self.key = key
            self.bucketOwner = bucketOwner
            self.objectOwner = objectOwner
            self.bucketGrants = bucketGrants
            self.objectGrants = objectGrants
            self.hasPolicy = hasPolicy
            self.decisions = decisions
        }
    }

    /// One rule of the agency: a bucket (`*` for every bucket of the owner), a key prefix, `read` or `read-write`.
    public struct AgencyRule: Codable, Sendable, Equatable {
        public var bucket: String
        public var prefix: String
        public var access: String

        public init(bucket: String, prefix: String = "", access: String) {
            self.bucket = bucket
            self.prefix = prefix
            self.access = access
        }
    }

    /// The agency through which `modelarts-service` acts in the owner's buckets (`GET`/`PUT agency`).
    public struct AgencyDocument: Codable, Sendable {
        /// The service principal the agency is for.
        public var principal: String
        /// Empty: the agency is removed and the service may do nothing in the owner's buckets.
        public var rules: [AgencyRule]
        /// Whether this is the standard agency, never changed by the owner.
        public var isDefault: Bool

        public init(principal: String, rules: [AgencyRule], isDefault: Bool) {
            self.principal = principal
            self.rules = rules
            self.isDefault = isDefault
        }
    }

    /// The body of `PUT agency`.
    public struct SetAgency: Codable, Sendable {
        public var rules: [AgencyRule]

        public init(rules: [AgencyRule]) {
            self.rules = rules
        }
    }
}
