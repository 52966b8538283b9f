import AccessControl
import Foundation
import HTTPTypes
import Logging
import ObjectStore

/// Access control of every request, decided in one place before the operation runs: the operation's IAM action on its
/// bucket or object, by the bucket's owner, ACLs and policy (the `AccessGate`), with the request's condition keys.
extension S3Handler {
    /// Throws AccessDenied unless the caller may perform `operation`.
    /// - Returns: the object version the decision read (GET and HEAD answer from it rather than read it again).
    @discardableResult
    func authorize(_ operation: S3Operation, _ request: S3Request, caller: Caller) async throws -> ObjectVersion? {
        guard let bucketName = request.bucket else {
            // ListBuckets answers each signed principal with its own buckets.
            if caller.identity.isAnonymous { throw S3Error.accessDenied() }
            return nil
        }
        let versionId = request.queryValue("versionId")
        switch operation {
        case .createBucket:
            // A bucket that does not exist has no owner, ACL or policy yet: any signed principal may create one.
            if caller.identity.isAnonymous { throw S3Error.accessDenied() }
            return nil
        case .deleteObjects:
            return nil  // each key is authorized as it is deleted
        default:
            break
        }
        guard let action = operation.action(versioned: versionId != nil) else { return nil }
        let bucket = try await store.bucket(bucketName)
        let conditions = await conditionContext(for: operation, request, caller: caller, deciding: bucket)
        let version = try await require(action, on: bucket, key: request.key, versionId: versionId, caller: caller, conditions: conditions)
        // Tags given with a write need the right to tag, as on S3, and a lock given with it the rights to lock.
        if operation.acceptsTags, request.header("x-amz-tagging") != nil {
            try await require(.putObjectTagging, on: bucket, key: request.key, versionId: nil, caller: caller, conditions: conditions)
        }
        let locks = request.header("x-amz-object-lock-mode") != nil || request.header("x-amz-object-lock-retain-until-date") != nil
        if operation.acceptsObjectLock, locks {
            try await require(.putObjectRetention, on: bucket, key: request.key, versionId: nil, caller: caller, conditions: conditions)
        }
        if operation.acceptsObjectLock, request.header("x-amz-object-lock-legal-hold") != nil {
            try await require(.putObjectLegalHold, on: bucket, key: request.key, versionId: nil, caller: caller, conditions: conditions)
        }
        if operation == .renameObject, let newKey = Self.renamedKey(request) {
            try await require(.putObject, on: bucket, key: newKey, versionId: nil, caller: caller, conditions: conditions)
        }
        if operation.readsCopySource {
            let source = try CopySource(header: request.header("x-amz-copy-source") ?? "")
            let sourceBucket = try await store.bucket(source.bucket)
            let sourceAction: S3Action = source.versionId == nil ? .getObject : .getObjectVersion
            let sourceConditions = await conditionContext(for: operation, request, caller: caller, deciding: sourceBucket)
            try await require(
                sourceAction, on: sourceBucket, key: source.key, versionId: source.versionId, caller: caller, conditions: sourceConditions)
        }
        return version
    }

    /// One key of a DeleteObjects request: `s3:DeleteObject`, or `s3:DeleteObjectVersion` for a version.
    /// - Returns: whether the caller may also bypass a GOVERNANCE retention of it, as the request asks.
    func authorizeDeletion(_ request: S3Request, bucket: Bucket, key: String, versionId: String?, caller: Caller) async throws -> Bool {
        let conditions = await conditionContext(for: .deleteObject, request, caller: caller)
        let action: S3Action = versionId == nil ? .deleteObject : .deleteObjectVersion
        try await require(action, on: bucket, key: key, versionId: versionId, caller: caller, conditions: conditions)
        return await bypassesGovernance(request, bucket: bucket, key: key, caller: caller)
    }

    /// Whether the request asks to bypass GOVERNANCE retention (`x-amz-bypass-governance-retention: true`) and the caller
    /// has `s3:BypassGovernanceRetention` on the object. Without it the request goes on as if it had not asked, as on
    /// S3: only a version under GOVERNANCE retention then refuses it.
    func bypassesGovernance(_ request: S3Request, bucket: Bucket, key: String, caller: Caller) async -> Bool {
        guard request.header("x-amz-bypass-governance-retention")?.lowercased() == "true" else { return false }
        return await allows(.bypassGovernanceRetention, on: bucket, key: key, request, caller: caller)
    }

    /// Whether the caller may perform `action` on the object, asked without refusing anything: for what an answer may
    /// include (a version's lock on HEAD/GET) or how far a request may go (bypassing GOVERNANCE).
    func allows(_ action: S3Action, on bucket: Bucket, key: String, _ request: S3Request, caller: Caller) async -> Bool {
        let conditions = await conditionContext(for: .getObject, request, caller: caller)
        let decision = try? await gate.decision(
            principal: caller.identity,
            action: action,
            bucket: bucket,
            key: key,
            versionId: request.queryValue("versionId"),
            conditions: conditions
        )
        return decision?.isAllowed == true
    }

    /// Throws AccessDenied unless the caller may perform `action` (a read of a missing object is let through to a caller
    /// who may list the bucket, to answer NoSuchKey, as S3 does).
    /// - Returns: the object version the decision read, if any.
    @discardableResult
    private func require(
        _ action: S3Action,
        on bucket: Bucket,
        key: String?,
        versionId: String?,
        caller: Caller,
        conditions: ConditionContext
    ) async throws -> ObjectVersion? {
        let access = try await gate.check(
            principal: caller.identity,
            action: action,
            bucket: bucket,
            key: key,
            versionId: versionId,
            conditions: conditions
        )
        if access.mayProceed { return access.version }
        logger.debug(
            "access denied",
            metadata: [
                "s3.principal": "\(caller.identity)", "s3.action": "\(action)", "s3.bucket": "\(bucket.name)", "s3.reason": "\(access.decision)",
            ]
        )
        throw S3Error.accessDenied()
    }

    /// The condition keys a decision on `bucket` reads: none when the bucket has no policy, unless the caller is the
    /// labeling service, whose agency reads `s3:prefix`. (Gathering them cost every GET 3%.)
    func conditionContext(
        for operation: S3Operation, _ request: S3Request, caller: Caller, deciding bucket: Bucket
    ) async
        -> ConditionContext
    {
        guard bucket.policy != nil || caller.identity.name == Principal.labelingService else { return ConditionContext() }
        return await conditionContext(for: operation, request, caller: caller)
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
        // Object Lock's condition keys name the headers without their prefix.
        for name in ["object-lock-mode", "object-lock-retain-until-date", "object-lock-legal-hold"] {
            context.set("s3:" + name, request.header("x-amz-" + name))
        }
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
