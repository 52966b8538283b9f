import Foundation

public struct Bucket: Sendable, Hashable {
    public var name: String
    public var creationDate: Date
    public var versioning: VersioningStatus
    public var defaultEncryption: BucketEncryption?
    /// The principal that created the bucket (the store's owner for adopted folders).
    public var owner: String
    /// The bucket's ACL document, as the access-control layer wrote it; nil for the default (private).
    public var acl: String?
    /// The bucket policy, the JSON text as it was put; nil when the bucket has none.
    public var policy: String?
    /// The Object Lock configuration; nil when lock is not enabled on the bucket.
    public var objectLock: BucketObjectLock?
    /// An OBS parallel file system (`x-obs-fs-file-interface: Enabled`): its objects can be renamed and truncated.
    public var isFileSystem: Bool

    public init(
        name: String,
        creationDate: Date,
        versioning: VersioningStatus,
        defaultEncryption: BucketEncryption? = nil,
        owner: String,
        acl: String? = nil,
        policy: String? = nil,
        objectLock: BucketObjectLock? = nil,
        isFileSystem: Bool = false
    ) {
        self.name = name
        self.creationDate = creationDate
        self.versioning = versioning
        self.defaultEncryption = defaultEncryption
        self.owner = owner
        self.acl = acl
        self.policy = policy
        self.objectLock = objectLock
        self.isFileSystem = isFileSystem
    }
}
