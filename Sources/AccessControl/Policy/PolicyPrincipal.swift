/// A principal as a policy statement names it.
public enum PolicyPrincipal: Sendable, Hashable, CustomStringConvertible {
    /// `"*"`, `{"AWS": "*"}`, OBS `{"ID": ["*"]}`: everyone, signed or not.
    case everyone
    /// `arn:aws:iam::000000000000:user/NAME`, or OBS `domain/000000000000:user/NAME`.
    case user(String)
    /// `{"CanonicalUser": ID}`, or OBS `domain/ID`: the principal whose canonical user id this is (lower case).
    case canonicalUser(String)
    /// `arn:aws:iam::000000000000:root` or `000000000000`: the account. Its root (the owner) holds every permission the
    /// account is allowed; a Deny of the account denies every principal in it.
    case account

    public var description: String {
        switch self {
        case .everyone: "*"
        case .user(let name): Principal.userARN(name)
        case .canonicalUser(let id): "canonical user \(id)"
        case .account: "arn:aws:iam::\(Principal.accountId):root"
        }
    }

    /// Whether the statement's principal covers `principal`, for a statement of `effect`.
    /// - Parameter accountRoot: the principal with the account's own authority (the server's owner).
    func covers(_ principal: Principal, effect: PolicyStatement.Effect, accountRoot: String) -> Bool {
        switch self {
        case .everyone: true
        case .user(let name): principal.name == name
        case .canonicalUser(let id): !principal.isAnonymous && principal.canonicalId == id
        case .account: effect == .deny ? !principal.isAnonymous : principal.name == accountRoot
        }
    }
}
