import AccessControl
import Foundation
import HTTPTypes
import Logging
import ObjectStore

/// Access control of every request, decided in one place before the operation runs: the operation's IAM action on its
/// bucket or object, by the bucket's owner, ACLs and policy (the `AccessGate`), with the request's condition keys.
extension S3Handler {
    /// Throws AccessDenied unless the caller may perform `operation`.
    func authorize(_ operation: S3Operation, _ request: S3Request, caller: Caller) async throws {
        guard let bucketName = request.bucket else {
            // ListBuckets answers each signed principal with its own buckets.
            if caller.identity.isAnonymous { throw S3Error.accessDenied() }
            return
        }
        let versionId = request.queryValue("versionId")
        switch operation {
        case .createBucket:
            // A bucket that does not exist has no owner, ACL or policy yet: any signed principal may create one.
            if caller.identity.isAnonymous { throw S3Error.accessDenied() }
            return
        case .deleteObjects:
            return  // each key is authorized as it is deleted
        default:
            break
        }
        guard let action = operation.action(versioned: versionId != nil) else { return }
        let bucket = try await store.bucket(bucketName)
        let conditions = await conditionContext(for: operation, request, caller: caller)
        try await require(action, on: bucket, key: request.key, versionId: versionId, caller: caller, conditions: conditions)
        if operation.readsCopySource {
            let source = try CopySource(header: request.header("x-amz-copy-source") ?? "")
            let sourceBucket = try await store.bucket(source.bucket)
            let sourceAction: S3Action = source.versionId == nil ? .getObject : .getObjectVersion
            try await require(sourceAction, on: sourceBucket, key: source.key, versionId: source.versionId, caller: caller, conditions: conditions)
        }
    }

    /// One key of a DeleteObjects request: `s3:DeleteObject`, or `s3:DeleteObjectVersion` for a version.
    func authorizeDeletion(_ request: S3Request, bucket: Bucket, key: String, versionId: String?, caller: Caller) async throws {
        let conditions = await conditionContext(for: .deleteObject, request, caller: caller)
        let action: S3Action = versionId == nil ? .deleteObject : .deleteObjectVersion
        try await require(action, on: bucket, key: key, versionId: versionId, caller: caller, conditions: conditions)
    }

    /// Throws AccessDenied unless the caller may perform `action`. A read of a missing object is let through (to answer
    /// NoSuchKey) only to a caller who may list the bucket, as S3 does: others cannot learn what does not exist.
    private func require(
        _ action: S3Action,
        on bucket: Bucket,
        key: String?,
        versionId: String?,
        caller: Caller,
        conditions: ConditionContext
    ) async throws {
        let decision = try await gate.decision(
            principal: caller.identity,
            action: action,
            bucket: bucket,
            key: key,
            versionId: versionId,
            conditions: conditions
        )
        if decision.isAllowed { return }
        if let key, Authorizer.readsObject(for: action), await gate.existingObject(bucket: bucket, key: key, versionId: versionId) == nil {
            let listing = try await gate.decision(
                principal: caller.identity,
                action: .listBucket,
                bucket: bucket,
                key: nil,
                versionId: nil,
                conditions: conditions
            )
            if listing.isAllowed { return }
        }
        logger.debug(
            "access denied",
            metadata: ["s3.principal": "\(caller.identity)", "s3.action": "\(action)", "s3.bucket": "\(bucket.name)", "s3.reason": "\(decision)"]
        )
        throw S3Error.accessDenied()
    }

    /// The condition keys of the request, as policies read them.
    func conditionContext(for operation: S3Operation, _ request: S3Request, caller: Caller) async -> ConditionContext {
        var context = ConditionContext()
        let now = Date()
        context.set("aws:SecureTransport", request.isTLS ? "true" : "false")
        context.set("aws:SourceIp", caller.remoteAddress)
        context.set("aws:UserAgent", request.header("user-agent"))
        context.set("aws:Referer", request.header("referer"))
        context.set("aws:CurrentTime", HTTPDate.iso8601(now))
        context.set("aws:EpochTime", String(Int(now.timeIntervalSince1970)))
        context.set("s3:VersionId", request.queryValue("versionId"))
        switch operation {
        case .listObjectsV1, .listObjectsV2, .listObjectVersions, .listMultipartUploads:
            context.set("s3:prefix", request.queryValue("prefix"))
            context.set("s3:delimiter", request.queryValue("delimiter"))
            context.set("s3:max-keys", request.queryValue("max-keys") ?? request.queryValue("max-uploads"))
        default:
            break
        }
        for header in Self.conditionHeaders { context.set("s3:" + header, request.header(header)) }
        if !caller.identity.isAnonymous {
            let signedInQuery = request.hasQuery("X-Amz-Signature") || request.hasQuery("Signature")
            context.set("s3:authType", signedInQuery ? "REST-QUERY-STRING" : "REST-HEADER")
        }
        // Parts and completions carry no encryption headers: the upload's encryption, chosen at its start, stands for them.
        switch operation {
        case .uploadPart(let uploadId), .uploadPartCopy(let uploadId), .completeMultipartUpload(let uploadId):
            if let bucket = request.bucket, let key = request.key,
                let upload = try? await store.multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
            {
                let headers = ServerSideEncryption.responseHeaders(for: upload.encryption, kms: store.kms)
                context.set("s3:x-amz-server-side-encryption", headers[ServerSideEncryption.algorithm])
                context.set("s3:x-amz-server-side-encryption-aws-kms-key-id", headers[ServerSideEncryption.kmsKeyId])
            }
        default:
            break
        }
        return context
    }

    /// Request headers that are S3 condition keys (`s3:x-amz-server-side-encryption`…), in their S3 spelling (OBS
    /// requests arrive translated).
    private static let conditionHeaders = [
        "x-amz-acl", "x-amz-grant-read", "x-amz-grant-write", "x-amz-grant-read-acp", "x-amz-grant-write-acp",
        "x-amz-grant-full-control", "x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
        "x-amz-server-side-encryption-customer-algorithm", "x-amz-copy-source", "x-amz-metadata-directive",
        "x-amz-storage-class", "x-amz-content-sha256",
    ]
}
