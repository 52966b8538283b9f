import ObjectStore

/// What `AccessGate.check` found: whether the operation may go on, why, and the object version the decision read.
public struct CheckedAccess: Sendable {
    /// The decision on the action itself; when it denies, the reason to explain the refusal by.
    public let decision: AccessDecision
    /// Allowed, or a read of a missing object by a principal who may list the bucket (who is then told NoSuchKey).
    public let mayProceed: Bool
    /// The version the decision read (its owner and ACL), for the operation to serve without reading it again; nil
    /// when it does not exist or the action needs no object.
    public let version: ObjectVersion?
}
