/// One statement of a bucket policy: who (Principal or NotPrincipal), what (Action or NotAction), on what (Resource or
/// NotResource), when (Condition), and whether it allows or denies.
public struct PolicyStatement: Sendable, Hashable {
    public enum Effect: String, Sendable, Hashable {
        case allow = "Allow"
        case deny = "Deny"
    }

    /// A list of values, or its negation (`NotPrincipal`, `NotAction`, `NotResource`).
    public struct Match<Value: Sendable & Hashable>: Sendable, Hashable {
        public var values: [Value]
        public var negated: Bool
    }

    public var sid: String?
    /// The statement's position in the policy, from 1.
    public var position: Int
    public var effect: Effect
    public var principals: Match<PolicyPrincipal>
    /// Patterns over lower-cased action names (`s3:get*`).
    public var actions: Match<WildcardPattern>
    /// Patterns over resource ARNs (`arn:aws:s3:::bucket/prefix*`).
    public var resources: Match<WildcardPattern>
    public var conditions: [PolicyCondition]
    /// Whether `${…}` in resources are policy variables (version 2012-10-17).
    var usesVariables: Bool

    /// How explanations name it: `statement "DenyPlainUploads"`, or `statement #2` without a Sid.
    public var label: String {
        if let sid, !sid.isEmpty { return "statement \"\(sid)\"" }
        return "statement #\(position)"
    }

    /// Whether the statement applies to this request (its effect aside).
    func applies(to principal: Principal, action: S3Action, resource: String, context: ConditionContext, accountRoot: String) -> Bool {
        let principalListed = principals.values.contains { $0.covers(principal, effect: effect, accountRoot: accountRoot) }
        guard principalListed != principals.negated else { return false }
        let actionListed = actions.values.contains { $0.matches(action.name) }
        guard actionListed != actions.negated else { return false }
        let resourceListed = resources.values.contains { pattern in
            usesVariables ? WildcardPattern(context.substitutingVariables(in: pattern.text)).matches(resource) : pattern.matches(resource)
        }
        guard resourceListed != resources.negated else { return false }
        return conditions.allSatisfy { $0.holds(in: context) }
    }
}
