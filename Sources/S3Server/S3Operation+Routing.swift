import HTTPTypes

/// Routing: the operation a request names by its method, bucket, key and sub-resources.
extension S3Operation {
    init(_ request: S3Request) throws {
        guard request.bucket != nil else {
            guard request.method == .get else { throw S3Error.methodNotAllowed() }
            self = .listBuckets
            return
        }
        self = try request.key == nil ? Self.bucketOperation(request) : Self.objectOperation(request)
    }

    private static func bucketOperation(_ request: S3Request) throws -> S3Operation {
        switch request.method {
        case .get:
            if request.hasQuery("location") { return .getBucketLocation }
            if request.hasQuery("versioning") { return .getBucketVersioning }
            if request.hasQuery("versions") { return .listObjectVersions }
            if request.hasQuery("uploads") { return .listMultipartUploads }
            if request.hasQuery("encryption") { return .getBucketEncryption }
            if request.hasQuery("acl") { return .getBucketAcl }
            if request.hasQuery("policyStatus") { return .getBucketPolicyStatus }
            if request.hasQuery("policy") { return .getBucketPolicy }
            if request.hasQuery("tagging") { return .getBucketTagging }
            if request.hasQuery("cors") { return .getBucketCors }
            if request.hasQuery("lifecycle") { return .getBucketLifecycle }
            if request.hasQuery("object-lock") { return .getObjectLockConfiguration }
            try rejectUnsupportedSubresource(request)
            return request.queryValue("list-type") == "2" ? .listObjectsV2 : .listObjectsV1
        case .put:
            if request.hasQuery("versioning") { return .putBucketVersioning }
            if request.hasQuery("encryption") { return .putBucketEncryption }
            if request.hasQuery("acl") { return .putBucketAcl }
            if request.hasQuery("policy") { return .putBucketPolicy }
            if request.hasQuery("tagging") { return .putBucketTagging }
            if request.hasQuery("cors") { return .putBucketCors }
            if request.hasQuery("lifecycle") { return .putBucketLifecycle }
            if request.hasQuery("object-lock") { return .putObjectLockConfiguration }
            try rejectUnsupportedSubresource(request)
            return .createBucket
        case .head:
            return .headBucket
        case .options:
            return .preflight
        case .delete:
            if request.hasQuery("encryption") { return .deleteBucketEncryption }
            if request.hasQuery("policy") { return .deleteBucketPolicy }
            if request.hasQuery("tagging") { return .deleteBucketTagging }
            if request.hasQuery("cors") { return .deleteBucketCors }
            if request.hasQuery("lifecycle") { return .deleteBucketLifecycle }
            try rejectUnsupportedSubresource(request)
            return .deleteBucket
        case .post:
            if request.hasQuery("delete") { return .deleteObjects }
            if request.header("content-type")?.lowercased().hasPrefix("multipart/form-data") == true { return .postObject }
            throw S3Error.methodNotAllowed()
        default:
            throw S3Error.methodNotAllowed()
        }
    }

    private static func objectOperation(_ request: S3Request) throws -> S3Operation {
        switch request.method {
        case .get:
            if let uploadId = request.queryValue("uploadId") { return .listParts(uploadId: uploadId) }
            if request.hasQuery("acl") { return .getObjectAcl }
            if request.hasQuery("attributes") { return .getObjectAttributes }
            if request.hasQuery("tagging") { return .getObjectTagging }
            if request.hasQuery("retention") { return .getObjectRetention }
            if request.hasQuery("legal-hold") { return .getObjectLegalHold }
            try rejectUnsupportedSubresource(request)
            return .getObject
        case .head:
            return .headObject
        case .options:
            return .preflight
        case .put:
            if let uploadId = request.queryValue("uploadId") {
                return request.header("x-amz-copy-source") != nil ? .uploadPartCopy(uploadId: uploadId) : .uploadPart(uploadId: uploadId)
            }
            if request.hasQuery("acl") { return .putObjectAcl }
            if request.hasQuery("tagging") { return .putObjectTagging }
            if request.hasQuery("retention") { return .putObjectRetention }
            if request.hasQuery("legal-hold") { return .putObjectLegalHold }
            if request.hasQuery("truncate") { return .truncateObject }
            try rejectUnsupportedSubresource(request)
            return request.header("x-amz-copy-source") != nil ? .copyObject : .putObject
        case .post:
            if request.hasQuery("uploads") { return .createMultipartUpload }
            if let uploadId = request.queryValue("uploadId") { return .completeMultipartUpload(uploadId: uploadId) }
            if request.hasQuery("append") { return .appendObject }
            if request.hasQuery("rename") { return .renameObject }
            if request.hasQuery("restore") { return .restoreObject }
            try rejectUnsupportedSubresource(request)
            throw S3Error.methodNotAllowed()
        case .delete:
            if let uploadId = request.queryValue("uploadId") { return .abortMultipartUpload(uploadId: uploadId) }
            if request.hasQuery("tagging") { return .deleteObjectTagging }
            try rejectUnsupportedSubresource(request)
            return .deleteObject
        default:
            throw S3Error.methodNotAllowed()
        }
    }

    /// Sub-resources obslab does not implement yet answer NotImplemented rather than being mistaken for a plain
    /// GET/PUT/DELETE of the bucket or object, which could overwrite or delete data.
    private static let unsupportedSubresources: Set<String> = [
        "logging", "notification", "replication", "website", "accelerate", "analytics",
        "inventory", "metrics", "ownershipControls", "publicAccessBlock", "requestPayment", "select", "torrent",
        "intelligent-tiering", "policy", "policyStatus",
        // OBS's modify (write at a position): a PUT ?modify taken for a PutObject would replace the object.
        "modify",
    ]

    private static func rejectUnsupportedSubresource(_ request: S3Request) throws {
        if let name = request.query.first(where: { unsupportedSubresources.contains($0.name) })?.name {
            throw S3Error.notImplemented("The ?\(name) sub-resource")
        }
    }
}
