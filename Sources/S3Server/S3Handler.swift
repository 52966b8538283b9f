import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ObjectStore
import S3Protocol

/// Answers S3 requests: resolves addressing, authenticates, dispatches to the operation and renders failures as S3 errors.
/// Requests in the OBS dialect are translated to S3 on the way in and back on the way out (`Dialect.swift`).
///
/// The operations live in extensions by area (`S3Handler+Buckets.swift`, `S3Handler+Objects.swift`, …).
struct S3Handler: Sendable {
    let store: ObjectStore
    let configuration: S3ServerConfiguration
    let credentials: StoreCredentials
    let authenticator: RequestAuthenticator
    /// Decides every request's access: ownership, ACLs, bucket policies.
    let gate: AccessGate
    /// Applies the buckets' lifecycle rules: from `LifecycleService`, and on the admin API's demand.
    let lifecycle: LifecycleRunner
    let logger: Logger

    init(store: ObjectStore, configuration: S3ServerConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.credentials = StoreCredentials(store: store, configuration: configuration)
        self.authenticator = RequestAuthenticator(credentials: credentials)
        self.gate = AccessGate(store: store)
        self.lifecycle = LifecycleRunner(store: store, clock: LifecycleClock(), logger: logger)
        self.logger = logger
    }

    /// Never throws: every failure becomes an S3 XML error response.
    /// - Parameter remoteAddress: the client's IP address, which `aws:SourceIp` conditions read.
    func respond(to request: Request, isTLS: Bool, remoteAddress: String? = nil) async -> Response {
        let requestId = Self.makeRequestId()
        let dialect = Dialect(of: request.head)
        var s3Request: S3Request?
        var response: Response
        do {
            s3Request = try S3Request(
                request: request,
                virtualHostDomains: configuration.virtualHostDomains,
                requestId: requestId,
                isTLS: isTLS
            )
            if let negotiated = try await negotiateAPIVersion(s3Request!) {
                response = negotiated
            } else {
                let caller = try await authenticate(s3Request!, remoteAddress: remoteAddress)
                if s3Request!.rawPath.hasPrefix(AdminAPI.pathPrefix) {
                    response = await admin(s3Request!, caller: caller)
                } else {
                    let translated = try s3Request!.translated(from: dialect, virtualHostDomains: configuration.virtualHostDomains)
                    response = try await Dialect.$current.withValue(dialect) { try await dispatch(translated, caller: caller) }
                }
            }
        } catch {
            var s3Error = S3Error(error, resource: s3Request?.resource ?? request.uri.path)
            s3Error.addAddressingDetails(bucket: s3Request?.bucket, key: s3Request?.key)
            if s3Error.status == .internalServerError {
                logger.error("request failed", metadata: ["s3.request.id": "\(requestId)", "error": "\(error)"])
            }
            response = s3Error.response(requestId: requestId, includeBody: request.method != .head)
        }
        if let s3Request { response.headers.merge(await corsHeaders(for: s3Request)) }
        response.headers[values: .amzRequestId] = [requestId]
        response.headers[values: .amzId2] = [requestId]
        dialect.present(&response, for: s3Request)
        return response
    }

    /// The caller: the principal of the access key that signed the request, or anonymous for an unsigned one (which only
    /// ACLs and policies that allow everyone let through).
    private func authenticate(_ request: S3Request, remoteAddress: String?) async throws -> Caller {
        switch try await authenticator.authenticate(request.signable, now: Date()) {
        case .anonymous:
            return Caller(identity: .anonymous, payload: .unsigned, remoteAddress: remoteAddress)
        case .authenticated(let accessKey, let payload):
            let name = try await credentials.principal(forAccessKey: accessKey)
            return Caller(identity: .named(name), payload: payload, remoteAddress: remoteAddress)
        }
    }

    /// The admin API answers JSON, never S3 XML, and only to the owner.
    private func admin(_ request: S3Request, caller: Caller) async -> Response {
        do {
            guard caller.identity.name == configuration.ownerName else {
                throw AdminError(status: .forbidden, code: "AccessDenied", message: "Only the owner may use the admin API, not \(caller.identity).")
            }
            let body = try await readSmallBody(request, payload: caller.payload)
            let path = request.rawPath.dropFirst(AdminAPI.pathPrefix.count).split(separator: "/").map {
                PercentEncoding.strictDecode($0, plusAsSpace: false) ?? String($0)
            }
            return try await AdminHandler(store: store, gate: gate, lifecycle: lifecycle).respond(method: request.method, path: path, body: body)
        } catch {
            return AdminError(error).response
        }
    }

    /// Routes the request to its operation, asks the access gate whether the caller may perform it (the one place where
    /// access is decided), then performs it.
    private func dispatch(_ request: S3Request, caller: Caller) async throws -> Response {
        let operation = try S3Operation(request)
        let authorizedVersion = try await authorize(operation, request, caller: caller)
        let bucket = request.bucket ?? ""
        let key = request.key ?? ""
        let payload = caller.payload
        switch operation {
        case .listBuckets: return try await listBuckets(request, caller: caller)
        case .createBucket: return try await createBucket(request, bucket: bucket, caller: caller)
        case .deleteBucket: return try await deleteBucket(request, bucket: bucket)
        case .headBucket: return try await headBucket(request, bucket: bucket)
        case .getBucketLocation: return try await getBucketLocation(request, bucket: bucket)
        case .getBucketVersioning: return try await getBucketVersioning(request, bucket: bucket)
        case .putBucketVersioning: return try await putBucketVersioning(request, bucket: bucket, payload: payload)
        case .listObjectsV1: return try await listObjectsV1(request, bucket: bucket)
        case .listObjectsV2: return try await listObjectsV2(request, bucket: bucket)
        case .listObjectVersions: return try await listObjectVersions(request, bucket: bucket)
        case .listMultipartUploads: return try await listMultipartUploads(request, bucket: bucket)
        case .getBucketEncryption: return try await getBucketEncryption(request, bucket: bucket)
        case .putBucketEncryption: return try await putBucketEncryption(request, bucket: bucket, payload: payload)
        case .deleteBucketEncryption: return try await deleteBucketEncryption(request, bucket: bucket)
        case .getBucketAcl: return try await getBucketACL(request, bucket: bucket)
        case .putBucketAcl: return try await putBucketACL(request, bucket: bucket, caller: caller)
        case .getBucketPolicy: return try await getBucketPolicy(request, bucket: bucket)
        case .putBucketPolicy: return try await putBucketPolicy(request, bucket: bucket, caller: caller)
        case .deleteBucketPolicy: return try await deleteBucketPolicy(request, bucket: bucket)
        case .getBucketPolicyStatus: return try await getBucketPolicyStatus(request, bucket: bucket)
        case .getBucketTagging: return try await getBucketTagging(request, bucket: bucket)
        case .putBucketTagging: return try await putBucketTagging(request, bucket: bucket, payload: payload)
        case .deleteBucketTagging: return try await deleteBucketTagging(request, bucket: bucket)
        case .getBucketCors: return try await getBucketCORS(request, bucket: bucket)
        case .putBucketCors: return try await putBucketCORS(request, bucket: bucket, payload: payload)
        case .deleteBucketCors: return try await deleteBucketCORS(request, bucket: bucket)
        case .getBucketLifecycle: return try await getBucketLifecycle(request, bucket: bucket)
        case .putBucketLifecycle: return try await putBucketLifecycle(request, bucket: bucket, payload: payload)
        case .deleteBucketLifecycle: return try await deleteBucketLifecycle(request, bucket: bucket)
        case .getObjectLockConfiguration: return try await getObjectLockConfiguration(request, bucket: bucket)
        case .putObjectLockConfiguration: return try await putObjectLockConfiguration(request, bucket: bucket, payload: payload)
        case .preflight: return try await preflight(request, bucket: bucket)
        case .postObject: return try await postObject(request, bucket: bucket, caller: caller)
        case .deleteObjects:
            let target = try await store.bucket(bucket)
            return try await deleteObjects(request, bucket: bucket, payload: payload) { key, versionId in
                try await authorizeDeletion(request, bucket: target, key: key, versionId: versionId, caller: caller)
            }
        case .getObject:
            return try await getObject(request, bucket: bucket, key: key, caller: caller, includeBody: true, authorizedVersion: authorizedVersion)
        case .headObject:
            return try await getObject(request, bucket: bucket, key: key, caller: caller, includeBody: false, authorizedVersion: authorizedVersion)
        case .getObjectAttributes: return try await getObjectAttributes(request, bucket: bucket, key: key, caller: caller)
        case .putObject: return try await putObject(request, bucket: bucket, key: key, caller: caller)
        case .copyObject: return try await copyObject(request, bucket: bucket, key: key, caller: caller)
        case .deleteObject: return try await deleteObject(request, bucket: bucket, key: key, caller: caller)
        case .getObjectAcl: return try await getObjectACL(request, bucket: bucket, key: key)
        case .putObjectAcl: return try await putObjectACL(request, bucket: bucket, key: key, caller: caller)
        case .getObjectTagging: return try await getObjectTagging(request, bucket: bucket, key: key)
        case .putObjectTagging: return try await putObjectTagging(request, bucket: bucket, key: key, payload: payload)
        case .deleteObjectTagging: return try await deleteObjectTagging(request, bucket: bucket, key: key)
        case .getObjectRetention: return try await getObjectRetention(request, bucket: bucket, key: key)
        case .putObjectRetention: return try await putObjectRetention(request, bucket: bucket, key: key, caller: caller)
        case .getObjectLegalHold: return try await getObjectLegalHold(request, bucket: bucket, key: key)
        case .putObjectLegalHold: return try await putObjectLegalHold(request, bucket: bucket, key: key, payload: payload)
        case .createMultipartUpload: return try await createMultipartUpload(request, bucket: bucket, key: key, caller: caller)
        case .uploadPart(let uploadId): return try await uploadPart(request, bucket: bucket, key: key, uploadId: uploadId, caller: caller)
        case .uploadPartCopy(let uploadId):
            return try await uploadPartCopy(request, bucket: bucket, key: key, uploadId: uploadId, caller: caller)
        case .completeMultipartUpload(let uploadId):
            return try await completeMultipartUpload(request, bucket: bucket, key: key, uploadId: uploadId, caller: caller)
        case .appendObject: return try await appendObject(request, bucket: bucket, key: key, caller: caller)
        case .restoreObject: return try await restoreObject(request, bucket: bucket, key: key, payload: payload)
        case .renameObject: return try await renameObject(request, bucket: bucket, key: key)
        case .truncateObject: return try await truncateObject(request, bucket: bucket, key: key, caller: caller)
        case .abortMultipartUpload(let uploadId): return try await abortMultipartUpload(request, bucket: bucket, key: key, uploadId: uploadId)
        case .listParts(let uploadId): return try await listParts(request, bucket: bucket, key: key, uploadId: uploadId)
        }
    }

    private static func makeRequestId() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = String(generator.next() as UInt64, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension HTTPField.Name {
    static let amzRequestId = HTTPField.Name("x-amz-request-id")!
    static let amzId2 = HTTPField.Name("x-amz-id-2")!
}
