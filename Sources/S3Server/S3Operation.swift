import AccessControl

/// What a request asks for, once routed by method, addressing and sub-resource: each operation S3Handler performs,
/// with the IAM action it requires.
enum S3Operation: Sendable, Equatable {
    case listBuckets
    case createBucket
    case deleteBucket
    case headBucket
    case getBucketLocation
    case getBucketVersioning
    case putBucketVersioning
    case listObjectsV1
    case listObjectsV2
    case listObjectVersions
    case listMultipartUploads
    case getBucketEncryption
    case putBucketEncryption
    case deleteBucketEncryption
    case getBucketAcl
    case putBucketAcl
    case getBucketPolicy
    case putBucketPolicy
    case deleteBucketPolicy
    case getBucketPolicyStatus
    case getBucketTagging
    case putBucketTagging
    case deleteBucketTagging
    case getBucketCors
    case putBucketCors
    case deleteBucketCors
    /// A CORS preflight (`OPTIONS`): unsigned, answered by the bucket's CORS rules, no IAM action.
    case getBucketLifecycle
    case putBucketLifecycle
    case deleteBucketLifecycle
    case preflight
    case getObjectLockConfiguration
    case putObjectLockConfiguration
    /// A browser POST upload: signed by its form, authorized as a PutObject once the form is read.
    case postObject
    /// Each key is authorized on its own (`s3:DeleteObject`), as S3 reports a refusal per key.
    case deleteObjects
    case getObject
    case headObject
    case getObjectAttributes
    case putObject
    /// Also needs `s3:GetObject` on the copy source.
    case copyObject
    case deleteObject
    case getObjectAcl
    case putObjectAcl
    case getObjectTagging
    case putObjectTagging
    case deleteObjectTagging
    case getObjectRetention
    /// Weakening a GOVERNANCE retention also needs `s3:BypassGovernanceRetention`.
    case putObjectRetention
    case getObjectLegalHold
    case putObjectLegalHold
    case createMultipartUpload
    case uploadPart(uploadId: String)
    /// Also needs `s3:GetObject` on the copy source.
    case uploadPartCopy(uploadId: String)
    case completeMultipartUpload(uploadId: String)
    /// OBS's append upload (`POST ?append&position=N`): a PutObject that makes or grows an appendable object.
    case appendObject
    /// OBS's rename in a parallel file system (`POST ?rename&name=new`); also needs `s3:PutObject` on the new name.
    case renameObject
    /// OBS's truncate in a parallel file system (`PUT ?truncate&length=N`).
    case truncateObject
    /// The restore of a cold object (`POST ?restore`).
    case restoreObject
    case abortMultipartUpload(uploadId: String)
    case listParts(uploadId: String)

    /// The action the operation requires of the caller on its bucket or object; a version id in the request selects
    /// the `…Version` actions, as on S3. DeleteObjects has none of its own (its keys are checked one by one).
    func action(versioned: Bool) -> S3Action? {
        switch self {
        case .listBuckets: .listAllMyBuckets
        case .createBucket: .createBucket
        case .deleteBucket: .deleteBucket
        case .headBucket, .listObjectsV1, .listObjectsV2: .listBucket
        case .getBucketLocation: .getBucketLocation
        case .getBucketVersioning: .getBucketVersioning
        case .putBucketVersioning: .putBucketVersioning
        case .listObjectVersions: .listBucketVersions
        case .listMultipartUploads: .listBucketMultipartUploads
        case .getBucketEncryption: .getEncryptionConfiguration
        // S3 has no action of its own for deleting the configuration: it is a put of none.
        case .putBucketEncryption, .deleteBucketEncryption: .putEncryptionConfiguration
        case .getBucketAcl: .getBucketAcl
        case .putBucketAcl: .putBucketAcl
        case .getBucketPolicy: .getBucketPolicy
        case .putBucketPolicy: .putBucketPolicy
        case .deleteBucketPolicy: .deleteBucketPolicy
        case .getBucketPolicyStatus: .getBucketPolicyStatus
        case .getBucketTagging: .getBucketTagging
        // As for encryption, deleting the tags is a put of none.
        case .putBucketTagging, .deleteBucketTagging: .putBucketTagging
        case .getBucketCors: .getBucketCORS
        case .putBucketCors, .deleteBucketCors: .putBucketCORS
        case .getBucketLifecycle: .getLifecycleConfiguration
        case .putBucketLifecycle, .deleteBucketLifecycle: .putLifecycleConfiguration
        case .getObjectLockConfiguration: .getBucketObjectLockConfiguration
        case .putObjectLockConfiguration: .putBucketObjectLockConfiguration
        case .preflight, .postObject: nil
        case .deleteObjects: nil
        case .getObject, .headObject: versioned ? .getObjectVersion : .getObject
        case .getObjectAttributes: versioned ? .getObjectVersionAttributes : .getObjectAttributes
        case .putObject, .copyObject, .createMultipartUpload, .uploadPart, .uploadPartCopy, .completeMultipartUpload, .appendObject,
            .renameObject, .truncateObject:
            .putObject
        case .deleteObject: versioned ? .deleteObjectVersion : .deleteObject
        case .getObjectAcl: versioned ? .getObjectVersionAcl : .getObjectAcl
        case .putObjectAcl: versioned ? .putObjectVersionAcl : .putObjectAcl
        case .getObjectTagging: versioned ? .getObjectVersionTagging : .getObjectTagging
        case .putObjectTagging: versioned ? .putObjectVersionTagging : .putObjectTagging
        case .deleteObjectTagging: versioned ? .deleteObjectVersionTagging : .deleteObjectTagging
        case .restoreObject: .restoreObject
        case .getObjectRetention: .getObjectRetention
        case .putObjectRetention: .putObjectRetention
        case .getObjectLegalHold: .getObjectLegalHold
        case .putObjectLegalHold: .putObjectLegalHold
        case .abortMultipartUpload: .abortMultipartUpload
        case .listParts: .listMultipartUploadParts
        }
    }

    /// Whether the request also reads a copy source (`x-amz-copy-source`).
    var readsCopySource: Bool {
        switch self {
        case .copyObject, .uploadPartCopy: true
        default: false
        }
    }

    /// Whether the operation writes an object that may get its tags from `x-amz-tagging`.
    var acceptsTags: Bool {
        switch self {
        case .putObject, .copyObject, .createMultipartUpload, .appendObject: true
        default: false
        }
    }

    /// Whether the operation writes an object that may get a retention and a legal hold from `x-amz-object-lock-*`.
    var acceptsObjectLock: Bool { acceptsTags }

    /// The upload an operation on a multipart upload names.
    var uploadId: String? {
        switch self {
        case .uploadPart(let id), .uploadPartCopy(let id), .completeMultipartUpload(let id), .abortMultipartUpload(let id), .listParts(let id):
            id
        default:
            nil
        }
    }
}
