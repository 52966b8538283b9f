/// An IAM action of S3 (`s3:GetObject`), as bucket policies name them and as each operation requires.
public struct S3Action: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// What an action is performed on: its resource in a policy is `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`.
    public enum Level: Sendable, Hashable {
        case bucket
        case object
        /// `s3:ListAllMyBuckets` and `s3:CreateBucket` before it exists: no existing resource.
        case service
    }

    /// `s3:` and the action's name, as AWS spells it.
    public let name: String
    public let level: Level

    private init(_ name: String, _ level: Level) {
        self.name = "s3:" + name
        self.level = level
    }

    public var description: String { name }

    public static func < (lhs: S3Action, rhs: S3Action) -> Bool { lhs.name < rhs.name }

    public static let listAllMyBuckets = S3Action("ListAllMyBuckets", .service)
    public static let createBucket = S3Action("CreateBucket", .bucket)
    public static let deleteBucket = S3Action("DeleteBucket", .bucket)
    public static let listBucket = S3Action("ListBucket", .bucket)
    public static let listBucketVersions = S3Action("ListBucketVersions", .bucket)
    public static let listBucketMultipartUploads = S3Action("ListBucketMultipartUploads", .bucket)
    public static let getBucketLocation = S3Action("GetBucketLocation", .bucket)
    public static let getBucketVersioning = S3Action("GetBucketVersioning", .bucket)
    public static let putBucketVersioning = S3Action("PutBucketVersioning", .bucket)
    public static let getEncryptionConfiguration = S3Action("GetEncryptionConfiguration", .bucket)
    public static let putEncryptionConfiguration = S3Action("PutEncryptionConfiguration", .bucket)
    public static let getBucketAcl = S3Action("GetBucketAcl", .bucket)
    public static let putBucketAcl = S3Action("PutBucketAcl", .bucket)
    public static let getBucketPolicy = S3Action("GetBucketPolicy", .bucket)
    public static let putBucketPolicy = S3Action("PutBucketPolicy", .bucket)
    public static let deleteBucketPolicy = S3Action("DeleteBucketPolicy", .bucket)
    public static let getBucketPolicyStatus = S3Action("GetBucketPolicyStatus", .bucket)
    public static let getObject = S3Action("GetObject", .object)
    public static let getObjectVersion = S3Action("GetObjectVersion", .object)
    public static let getObjectAttributes = S3Action("GetObjectAttributes", .object)
    public static let getObjectVersionAttributes = S3Action("GetObjectVersionAttributes", .object)
    public static let putObject = S3Action("PutObject", .object)
    public static let deleteObject = S3Action("DeleteObject", .object)
    public static let deleteObjectVersion = S3Action("DeleteObjectVersion", .object)
    public static let getObjectAcl = S3Action("GetObjectAcl", .object)
    public static let getObjectVersionAcl = S3Action("GetObjectVersionAcl", .object)
    public static let putObjectAcl = S3Action("PutObjectAcl", .object)
    public static let putObjectVersionAcl = S3Action("PutObjectVersionAcl", .object)
    public static let getObjectTagging = S3Action("GetObjectTagging", .object)
    public static let getObjectVersionTagging = S3Action("GetObjectVersionTagging", .object)
    public static let putObjectTagging = S3Action("PutObjectTagging", .object)
    public static let putObjectVersionTagging = S3Action("PutObjectVersionTagging", .object)
    public static let deleteObjectTagging = S3Action("DeleteObjectTagging", .object)
    public static let deleteObjectVersionTagging = S3Action("DeleteObjectVersionTagging", .object)
    public static let getBucketCORS = S3Action("GetBucketCORS", .bucket)
    public static let putBucketCORS = S3Action("PutBucketCORS", .bucket)
    public static let getLifecycleConfiguration = S3Action("GetLifecycleConfiguration", .bucket)
    public static let putLifecycleConfiguration = S3Action("PutLifecycleConfiguration", .bucket)
    public static let getBucketTagging = S3Action("GetBucketTagging", .bucket)
    public static let putBucketTagging = S3Action("PutBucketTagging", .bucket)
    public static let abortMultipartUpload = S3Action("AbortMultipartUpload", .object)
    public static let listMultipartUploadParts = S3Action("ListMultipartUploadParts", .object)
    public static let getBucketObjectLockConfiguration = S3Action("GetBucketObjectLockConfiguration", .bucket)
    public static let putBucketObjectLockConfiguration = S3Action("PutBucketObjectLockConfiguration", .bucket)
    public static let getObjectRetention = S3Action("GetObjectRetention", .object)
    public static let putObjectRetention = S3Action("PutObjectRetention", .object)
    public static let getObjectLegalHold = S3Action("GetObjectLegalHold", .object)
    public static let putObjectLegalHold = S3Action("PutObjectLegalHold", .object)
    /// Needed, with `x-amz-bypass-governance-retention: true`, to delete or weaken a version under GOVERNANCE retention.
    public static let bypassGovernanceRetention = S3Action("BypassGovernanceRetention", .object)
    public static let restoreObject = S3Action("RestoreObject", .object)

    /// The actions obslab's operations require.
    public static let implemented: [S3Action] = [
        listAllMyBuckets, createBucket, deleteBucket, listBucket, listBucketVersions, listBucketMultipartUploads,
        getBucketLocation, getBucketVersioning, putBucketVersioning, getEncryptionConfiguration, putEncryptionConfiguration,
        getBucketAcl, putBucketAcl, getBucketPolicy, putBucketPolicy, deleteBucketPolicy, getBucketPolicyStatus,
        getObject, getObjectVersion, putObject, deleteObject, deleteObjectVersion, getObjectAcl, getObjectVersionAcl,
        putObjectAcl, putObjectVersionAcl, abortMultipartUpload, listMultipartUploadParts, getObjectAttributes,
        getObjectVersionAttributes, getObjectTagging, getObjectVersionTagging, putObjectTagging, putObjectVersionTagging,
        deleteObjectTagging, deleteObjectVersionTagging, getBucketTagging, putBucketTagging,
        getBucketCORS, putBucketCORS, getLifecycleConfiguration, putLifecycleConfiguration,
        getBucketObjectLockConfiguration, putBucketObjectLockConfiguration, getObjectRetention, putObjectRetention,
        getObjectLegalHold, putObjectLegalHold, bypassGovernanceRetention, restoreObject,
    ]

    /// S3 actions that obslab does not perform but that real policies name: a policy naming them is still valid.
    static let otherBucketActions: [String] = [
        "GetBucketLogging",
        "PutBucketLogging", "GetBucketNotification", "PutBucketNotification", "GetReplicationConfiguration",
        "PutReplicationConfiguration", "GetBucketWebsite", "PutBucketWebsite",
        "DeleteBucketWebsite", "GetBucketOwnershipControls", "PutBucketOwnershipControls", "GetBucketPublicAccessBlock",
        "PutBucketPublicAccessBlock",
        "GetAccelerateConfiguration", "PutAccelerateConfiguration", "GetBucketRequestPayment", "PutBucketRequestPayment",
        "GetAnalyticsConfiguration", "PutAnalyticsConfiguration", "GetInventoryConfiguration", "PutInventoryConfiguration",
        "GetMetricsConfiguration", "PutMetricsConfiguration", "GetIntelligentTieringConfiguration",
        "PutIntelligentTieringConfiguration",
    ]
    static let otherObjectActions: [String] = [
        "GetObjectTorrent", "GetObjectVersionTorrent", "ReplicateObject", "ReplicateDelete", "ReplicateTags",
        "ObjectOwnerOverrideToBucketOwner", "GetObjectVersionForReplication",
    ]

    /// The level of every S3 action a policy may name, by lower-cased name (`s3:getobject`).
    static let knownLevels: [String: Level] = {
        var levels = Dictionary(implemented.map { ($0.name.lowercased(), $0.level) }, uniquingKeysWith: { first, _ in first })
        for name in otherBucketActions { levels["s3:" + name.lowercased()] = .bucket }
        for name in otherObjectActions { levels["s3:" + name.lowercased()] = .object }
        return levels
    }()

    /// The implemented action of this name (`s3:GetObject`, any case), for the CLI and the admin API.
    public init?(named name: String) {
        let lowered = name.lowercased()
        guard let action = Self.implemented.first(where: { $0.name.lowercased() == lowered }) else { return nil }
        self = action
    }
}
