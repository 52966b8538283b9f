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
            try rejectUnsupportedSubresource(request)
            return request.queryValue("list-type") == "2" ? .listObjectsV2 : .listObjectsV1
        case .put:
            if request.hasQuery("versioning") { return .putBucketVersioning }
            if request.hasQuery("encryption") { return .putBucketEncryption }
            if request.hasQuery("acl") { return .putBucketAcl }
            if request.hasQuery("policy") { return .putBucketPolicy }
            try rejectUnsupportedSubresource(request)
            return .createBucket
        case .head:
            return .headBucket
        case .delete:
            if request.hasQuery("encryption") { return .deleteBucketEncryption }
            if request.hasQuery("policy") { return .deleteBucketPolicy }
            try rejectUnsupportedSubresource(request)
            return .deleteBucket
        case .post:
            if request.hasQuery("delete") { return .deleteObjects }
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
            try rejectUnsupportedSubresource(request)
            return .getObject
        case .head:
            return .headObject
        case .put:
            if let uploadId = request.queryValue("uploadId") {
                return request.header("x-amz-copy-source") != nil ? .uploadPartCopy(uploadId: uploadId) : .uploadPart(uploadId: uploadId)
            }
            if request.hasQuery("acl") { return .putObjectAcl }
            try rejectUnsupportedSubresource(request)
            return request.header("x-amz-copy-source") != nil ? .copyObject : .putObject
        case .post:
            if request.hasQuery("uploads") { return .createMultipartUpload }
            if let uploadId = request.queryValue("uploadId") { return .completeMultipartUpload(uploadId: uploadId) }
            throw S3Error.methodNotAllowed()
        case .delete:
            if let uploadId = request.queryValue("uploadId") { return .abortMultipartUpload(uploadId: uploadId) }
            try rejectUnsupportedSubresource(request)
            return .deleteObject
        default:
            throw S3Error.methodNotAllowed()
        }
    }

    /// Sub-resources obslab does not implement yet answer NotImplemented rather than being mistaken for a plain
    /// GET/PUT/DELETE of the bucket or object, which could overwrite or delete data.
    private static let unsupportedSubresources: Set<String> = [
        "cors", "lifecycle", "logging", "notification", "replication", "tagging", "website", "accelerate", "analytics",
        "inventory", "metrics", "ownershipControls", "publicAccessBlock", "requestPayment", "retention", "legal-hold",
        "object-lock", "restore", "select", "torrent", "attributes", "intelligent-tiering", "policy", "policyStatus",
    ]

    private static func rejectUnsupportedSubresource(_ request: S3Request) throws {
        if let name = request.query.first(where: { unsupportedSubresources.contains($0.name) })?.name {
            throw S3Error.notImplemented("The ?\(name) sub-resource")
        }
    }
}
