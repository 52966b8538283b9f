/// Why the storage refused the labeling service an action (`AccessDenied`), as far as the storage tells: the
/// permission cause of "labeled data shows as unlabeled", apart from the KMS one.
///
/// The local adapter knows exactly (it asks the same authorizer as the S3 front); an S3 server says less, at most
/// AWS's "with an explicit deny in a resource-based policy".
public struct AccessDenial: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Cause: String, Sendable, Hashable, Codable, CaseIterable {
        /// A statement of the bucket policy denies the service.
        case bucketPolicy
        /// The bucket is the owner's, but no rule of the service's agency covers this bucket and prefix.
        case outsideAgency
        /// The object belongs to another principal than the bucket's owner, and its ACL grants the service nothing.
        case objectACL
        /// The bucket is not the owner's, and no policy statement or ACL grant allows the service.
        case noGrant
        /// The storage refused without saying why.
        case unspecified
    }

    /// What the service was doing.
    public enum Operation: String, Sendable, Hashable, Codable {
        case list
        case read
        case write
        case delete
    }

    /// The principal the labeling layer acts as, unless the storage names another.
    public static let labelingService = "modelarts-service"

    public var cause: Cause
    public var operation: Operation
    public var bucket: String
    /// The object, or for a listing the prefix listed.
    public var key: String
    /// The principal refused: the labeling service.
    public var principal: String
    /// The policy statement that denies it (its Sid, or `#2` for the second statement without one), for `bucketPolicy`
    /// when the storage names it.
    public var statement: String?
    /// The object's owner, for `objectACL`.
    public var objectOwner: String?

    public init(
        cause: Cause,
        operation: Operation,
        bucket: String,
        key: String,
        principal: String,
        statement: String? = nil,
        objectOwner: String? = nil
    ) {
        self.cause = cause
        self.operation = operation
        self.bucket = bucket
        self.key = key
        self.principal = principal
        self.statement = statement
        self.objectOwner = objectOwner
    }

    /// `the labeling service may not read obs://b/k (denied by bucket policy statement "DenyService")`.
    public var description: String {
        "the labeling service may not \(operation.rawValue) obs://\(bucket)/\(key) (\(because))"
    }

    /// `statement "DenyService"`, or `statement #2` for a statement without a Sid.
    public var statementLabel: String? {
        statement.map { "statement " + ($0.hasPrefix("#") ? $0 : "\"\($0)\"") }
    }

    /// `denied by bucket policy statement "DenyService"`, `no agency grant for this bucket/prefix`, …
    public var because: String {
        switch cause {
        case .bucketPolicy:
            return "denied by " + (statementLabel.map { "bucket policy " + $0 } ?? "the bucket policy")
        case .outsideAgency:
            return "no agency grant for this bucket/prefix"
        case .objectACL:
            return "the object belongs to \(objectOwner ?? "another principal") and its ACL grants the service nothing"
        case .noGrant:
            return "no grant: the bucket is not the owner's and no policy or ACL allows the service"
        case .unspecified:
            return "the storage denied access without saying why"
        }
    }
}
