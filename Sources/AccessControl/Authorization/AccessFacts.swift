/// What authorization knows of a bucket: its owner, ACL and policy.
public struct BucketAccess: Sendable, Hashable {
    public var name: String
    public var owner: String
    public var acl: AccessControlList
    public var policy: BucketPolicy?

    public init(name: String, owner: String, acl: AccessControlList, policy: BucketPolicy?) {
        self.name = name
        self.owner = owner
        self.acl = acl
        self.policy = policy
    }
}

/// What authorization knows of an object version: its owner (the writer) and ACL.
public struct ObjectAccess: Sendable, Hashable {
    public var owner: String
    public var acl: AccessControlList

    public init(owner: String, acl: AccessControlList) {
        self.owner = owner
        self.acl = acl
    }
}

/// The rest of what a decision reads: the object acted on, if it exists, and the request's condition keys.
public struct AccessContext: Sendable, Equatable {
    public var object: ObjectAccess?
    public var conditions: ConditionContext

    public init(object: ObjectAccess? = nil, conditions: ConditionContext = ConditionContext()) {
        self.object = object
        self.conditions = conditions
    }
}
