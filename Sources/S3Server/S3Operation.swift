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
    /// Each key is authorized on its own (`s3:DeleteObject`), as S3 reports a refusal per key.
    case deleteObjects
    case getObject
    case headObject
    case putObject
    /// Also needs `s3:GetObject` on the copy source.
    case copyObject
    case deleteObject
    case getObjectAcl
    case putObjectAcl
    case createMultipartUpload
    case uploadPart(uploadId: String)
    /// Also needs `s3:GetObject` on the copy source.
    case uploadPartCopy(uploadId: String)
    case completeMultipartUpload(uploadId: String)
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
        case .deleteObjects: nil
        case .getObject, .headObject: versioned ? .getObjectVersion : .getObject
        case .putObject, .copyObject, .createMultipartUpload, .uploadPart, .uploadPartCopy, .completeMultipartUpload: .putObject
        case .deleteObject: versioned ? .deleteObjectVersion : .deleteObject
        case .getObjectAcl: versioned ? .getObjectVersionAcl : .getObjectAcl
        case .putObjectAcl: versioned ? .putObjectVersionAcl : .putObjectAcl
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
