/// A bucket policy in the AWS policy language (or OBS's form of it), parsed and validated for one bucket.
///
/// The store keeps the text as it was put; `init(parsing:bucket:dialect:principals:)` turns it into this model,
/// refusing with S3's `MalformedPolicy` messages what S3 refuses.
public struct BucketPolicy: Sendable, Hashable {
    /// Which form a policy may be written in.
    public enum Dialect: Sendable, Hashable {
        /// AWS's: `s3:` actions, `arn:aws:s3:::` resources, `{"AWS": …}` principals.
        case s3
        /// OBS's as well: bare action names (`GetObject`), bare resources (`bucket/prefix*`), `{"ID": ["domain/…"]}`.
        case obs
    }

    public var version: String
    public var id: String?
    public var statements: [PolicyStatement]

    /// S3 refuses bucket policies larger than 20 KB.
    public static let maximumSize = 20 * 1024

    /// The statements of `effect` that apply to this request, in order.
    public func statements(
        _ effect: PolicyStatement.Effect,
        applyingTo principal: Principal,
        action: S3Action,
        resource: String,
        context: ConditionContext,
        accountRoot: String
    ) -> [PolicyStatement] {
        statements.filter {
            $0.effect == effect && $0.applies(to: principal, action: action, resource: resource, context: context, accountRoot: accountRoot)
        }
    }

    /// Whether the policy makes the bucket public, as GetBucketPolicyStatus reports it: some Allow statement covers
    /// everyone (`*`, or a NotPrincipal) without a condition that pins the caller to fixed values (a source address
    /// block, a VPC, an account, a user…).
    public var isPublic: Bool {
        statements.contains { statement in
            guard statement.effect == .allow else { return false }
            let everyone = statement.principals.negated || statement.principals.values.contains(.everyone)
            return everyone && !statement.conditions.contains(where: \.restrictsCaller)
        }
    }
}

extension PolicyCondition {
    /// The keys whose fixed values make a public-looking statement non-public, as S3 judges policies.
    private static let restrictingKeys: Set<String> = [
        "aws:sourceip", "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount",
        "aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:userid", "aws:username",
        "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
    ]

    /// Whether this condition limits the statement to fixed callers: a positive comparison of a restricting key with
    /// values that are not wildcards (an address block of every address does not count).
    var restrictsCaller: Bool {
        guard Self.restrictingKeys.contains(key.lowercased()), !comparison.isNegated, comparison != .null else { return false }
        if comparison == .ipAddress { return values.allSatisfy { !(IPAddressRange($0)?.isEverything ?? true) } }
        return values.allSatisfy { !$0.contains("*") && !$0.contains("?") }
    }
}
