/// Reads the statements of a policy document, with S3's validation and messages.
struct PolicyParser {
    let bucket: String
    let dialect: BucketPolicy.Dialect
    let principals: PrincipalDirectory?
    var usesVariables = false

    init(bucket: String, dialect: BucketPolicy.Dialect, principals: PrincipalDirectory?) {
        self.bucket = bucket
        self.dialect = dialect
        self.principals = principals
    }

    static let statementFields: Set<String> = [
        "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition",
    ]

    func statement(_ json: PolicyJSON, position: Int) throws(AccessControlError) -> PolicyStatement {
        guard case .object(let members) = json else { throw .malformedPolicy("This policy contains invalid Json") }
        try BucketPolicy.refuseUnknownFields(members, known: Self.statementFields)
        var sid: String?
        switch members["Sid"] {
        case nil: sid = nil
        case .string(let value): sid = value
        default: throw .malformedPolicy("This policy contains invalid Json")
        }
        let effect: PolicyStatement.Effect
        switch members["Effect"] {
        case nil: throw .malformedPolicy("Missing required field Effect")
        case .string(let value):
            guard let parsed = PolicyStatement.Effect(rawValue: value) else { throw .malformedPolicy("Invalid effect: \(value)") }
            effect = parsed
        default: throw .malformedPolicy("This policy contains invalid Json")
        }
        let (principalJSON, principalsNegated) = try Self.either(members, "Principal", "NotPrincipal")
        let (actionJSON, actionsNegated) = try Self.either(members, "Action", "NotAction")
        let (resourceJSON, resourcesNegated) = try Self.either(members, "Resource", "NotResource")
        let actionNames = try actions(actionJSON)
        let resourcePatterns = try resources(resourceJSON)
        if !actionsNegated && !resourcesNegated { try checkActionsApply(actionNames, to: resourcePatterns) }
        var conditions: [PolicyCondition] = []
        if let json = members["Condition"] { conditions = try self.conditions(json) }
        return PolicyStatement(
            sid: sid,
            position: position,
            effect: effect,
            principals: .init(values: try self.principals(principalJSON), negated: principalsNegated),
            actions: .init(values: actionNames.map { WildcardPattern($0, caseInsensitive: true) }, negated: actionsNegated),
            resources: .init(values: resourcePatterns.map { WildcardPattern($0) }, negated: resourcesNegated),
            conditions: conditions,
            usesVariables: usesVariables
        )
    }

    /// The element or its `Not` twin: exactly one of them must be there.
    private static func either(
        _ members: [String: PolicyJSON], _ name: String, _ negation: String
    ) throws(AccessControlError)
        -> (PolicyJSON, Bool)
    {
        switch (members[name], members[negation]) {
        case (let value?, nil): return (value, false)
        case (nil, let value?): return (value, true)
        case (nil, nil): throw .malformedPolicy("Missing required field \(name)")
        case (.some, .some): throw .malformedPolicy("Statement cannot contain both \(name) and \(negation)")
        }
    }

    // MARK: Principals

    private func principals(_ json: PolicyJSON) throws(AccessControlError) -> [PolicyPrincipal] {
        let invalid = AccessControlError.malformedPolicy("Invalid principal in policy")
        if case .string("*") = json { return [.everyone] }
        guard case .object(let members) = json, !members.isEmpty else { throw invalid }
        var found: [PolicyPrincipal] = []
        for (type, value) in members.sorted(by: { $0.key < $1.key }) {
            guard let names = value.scalarList, !names.isEmpty else { throw invalid }
            for name in names {
                switch type {
                case "AWS": found.append(try awsPrincipal(name))
                case "CanonicalUser": found.append(.canonicalUser(try knownCanonicalId(name)))
                case "ID" where dialect == .obs: found.append(try obsPrincipal(name))
                default: throw invalid
                }
            }
        }
        return found
    }

    /// `*`, `arn:aws:iam::000000000000:user/NAME`, `arn:aws:iam::000000000000:root` or `000000000000`.
    private func awsPrincipal(_ text: String) throws(AccessControlError) -> PolicyPrincipal {
        let account = Principal.accountId
        if text == "*" { return .everyone }
        if text == account || text == "arn:aws:iam::\(account):root" { return .account }
        let userPrefix = "arn:aws:iam::\(account):user/"
        guard text.hasPrefix(userPrefix) else { throw .malformedPolicy("Invalid principal in policy") }
        return .user(try knownName(String(text.dropFirst(userPrefix.count))))
    }

    /// OBS's `*`, `domain/DOMAIN` and `domain/DOMAIN:user/USER`: obslab's domain is its account id, or a principal's
    /// canonical id (each principal being an account for ACLs); USER is a name, a canonical id, or `*` for the account.
    private func obsPrincipal(_ text: String) throws(AccessControlError) -> PolicyPrincipal {
        let invalid = AccessControlError.malformedPolicy("Invalid principal in policy")
        if text == "*" { return .everyone }
        guard text.hasPrefix("domain/") else { throw invalid }
        let parts = text.dropFirst("domain/".count).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let domain = String(parts[0])
        var user: String?
        if parts.count == 2 {
            guard parts[1].hasPrefix("user/") else { throw invalid }
            user = String(parts[1].dropFirst("user/".count))
        }
        if domain == Principal.accountId {
            guard let user, user != "*" else { return .account }
            if Self.isCanonicalId(user) { return .canonicalUser(try knownCanonicalId(user)) }
            return .user(try knownName(user))
        }
        let id = try knownCanonicalId(domain)
        guard user == nil || user == "*" || user == id || principals.map({ user == $0.name(forCanonicalId: id) }) ?? true else {
            throw invalid
        }
        return .canonicalUser(id)
    }

    private func knownName(_ name: String) throws(AccessControlError) -> String {
        guard !name.isEmpty, !name.contains("*"), principals?.contains(name) ?? true else {
            throw .malformedPolicy("Invalid principal in policy")
        }
        return name
    }

    /// A canonical user id (64 hex digits) of a known principal, in lower case.
    private func knownCanonicalId(_ id: String) throws(AccessControlError) -> String {
        let lowered = id.lowercased()
        guard Self.isCanonicalId(lowered), principals.map({ $0.name(forCanonicalId: lowered) != nil }) ?? true else {
            throw .malformedPolicy("Invalid principal in policy")
        }
        return lowered
    }

    private static func isCanonicalId(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0 | 0x20) }
    }

    // MARK: Actions and resources

    /// Lower-cased action patterns (`s3:getobject`, `s3:get*`, `*`).
    private func actions(_ json: PolicyJSON) throws(AccessControlError) -> [String] {
        guard let names = json.scalarList, !names.isEmpty, case .string? = json.firstScalar else {
            throw .malformedPolicy("Policy has invalid action")
        }
        var patterns: [String] = []
        for written in names {
            var name = written.lowercased()
            if dialect == .obs {
                for prefix in ["obs:bucket:", "obs:object:"] where name.hasPrefix(prefix) { name = "s3:" + name.dropFirst(prefix.count) }
                if !name.hasPrefix("s3:") && name != "*" { name = "s3:" + name }
            }
            if name == "*" || name == "s3:*" {
                patterns.append(name)
                continue
            }
            guard name.hasPrefix("s3:") else { throw .malformedPolicy("Policy has invalid action") }
            let pattern = WildcardPattern(name)
            let known = S3Action.knownLevels.keys
            guard pattern.hasWildcard ? known.contains(where: pattern.matches) : known.contains(name) else {
                throw .malformedPolicy("Policy has invalid action")
            }
            patterns.append(name)
        }
        return patterns
    }

    /// Resource ARN patterns, each within this bucket (`arn:aws:s3:::bucket`, `arn:aws:s3:::bucket/prefix*`).
    private func resources(_ json: PolicyJSON) throws(AccessControlError) -> [String] {
        guard let written = json.scalarList, !written.isEmpty else { throw .malformedPolicy("Policy has invalid resource") }
        let arnPrefix = "arn:aws:s3:::"
        var patterns: [String] = []
        for resource in written {
            var arn = resource
            if dialect == .obs && !arn.hasPrefix("arn:") && arn != "*" { arn = arnPrefix + arn }
            guard arn.hasPrefix(arnPrefix) else { throw .malformedPolicy("Policy has invalid resource") }
            let path = arn.dropFirst(arnPrefix.count)
            let bucketPart = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
            // The bucket part may be a pattern (`*`, `my-*`) as long as it covers this bucket.
            guard WildcardPattern(String(bucketPart)).matches(bucket) else { throw .malformedPolicy("Policy has invalid resource") }
            patterns.append(arn)
        }
        return patterns
    }

    /// S3 refuses a statement whose actions cannot apply to any of its resources (object actions on a bucket ARN…).
    private func checkActionsApply(_ actions: [String], to resources: [String]) throws(AccessControlError) {
        let arnPrefix = "arn:aws:s3:::"
        let bucketARN = arnPrefix + bucket
        let coversBucket = resources.contains { WildcardPattern($0).matches(bucketARN) }
        let coversObjects = resources.contains { $0.dropFirst(arnPrefix.count).contains("/") || $0.hasSuffix("*") }
        for action in actions {
            guard let level = S3Action.knownLevels[action] else { continue }  // wildcards may apply to either
            let applies =
                switch level {
                case .object: coversObjects
                case .bucket: coversBucket
                case .service: false
                }
            if !applies { throw .malformedPolicy("Action does not apply to any resource(s) in statement") }
        }
    }
}

extension PolicyJSON {
    /// The first value of a one-or-many element, to tell strings from other scalars.
    var firstScalar: PolicyJSON? {
        if case .array(let elements) = self { return elements.first }
        return self
    }
}
