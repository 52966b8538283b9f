/// An answer of the `Authorizer`: allowed or denied, and what decided it, in words an explanation can print.
public struct AccessDecision: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// The principal owns the bucket, and the bucket owner may do everything on it.
        case bucketOwner(String)
        /// The principal wrote the object, which belongs to it rather than to the bucket's owner.
        case objectOwner(String)
        /// A bucket policy statement allowed or denied it.
        case policyStatement(label: String, effect: PolicyStatement.Effect)
        /// The bucket owner may always read, replace and delete the bucket policy, whatever it denies.
        case ownerManagesPolicy(deniedBy: String)
        /// An ACL grant of the bucket or of the object allowed it.
        case aclGrant(Grant, onObject: Bool)
        /// A rule of the labeling service's agency allowed it.
        case agencyRule(Agency.Rule)
        /// The labeling service, in the owner's bucket, outside every rule of its agency.
        case outsideAgency(principal: String)
        /// The object belongs to another principal than the bucket's owner, and its ACL gives nothing.
        case objectOwnedByAnother(String)
        /// Nothing allows it.
        case noGrant
    }

    public let isAllowed: Bool
    public let reason: Reason

    static func allowed(_ reason: Reason) -> AccessDecision { AccessDecision(isAllowed: true, reason: reason) }
    static func denied(_ reason: Reason) -> AccessDecision { AccessDecision(isAllowed: false, reason: reason) }

    /// `allowed by statement "PublicRead" of the bucket policy`, `denied: no grant`…
    public var description: String {
        switch reason {
        case .bucketOwner(let name): "allowed: \(name) owns the bucket"
        case .objectOwner(let name): "allowed: \(name) owns the object"
        case .policyStatement(let label, .allow): "allowed by \(label) of the bucket policy"
        case .policyStatement(let label, .deny): "denied by \(label) of the bucket policy"
        case .ownerManagesPolicy(let label): "allowed: the bucket owner may always manage the bucket policy (\(label) denies it to others)"
        case .aclGrant(let grant, let onObject): "allowed by ACL grant \(grant) on the \(onObject ? "object" : "bucket")"
        case .agencyRule(let rule): "allowed by the agency rule \(rule)"
        case .outsideAgency(let principal): "denied: the agency of \(principal) does not cover it (see `obslab agency show`)"
        case .objectOwnedByAnother(let owner): "denied: the object belongs to \(owner) and its ACL grants nothing to this principal"
        case .noGrant: "denied: no grant"
        }
    }
}
