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
    let logger: Logger

    init(store: ObjectStore, configuration: S3ServerConfiguration, logger: Logger) {
        self.store = store
        self.configuration = configuration
        self.credentials = StoreCredentials(store: store, configuration: configuration)
        self.authenticator = RequestAuthenticator(credentials: credentials)
        self.logger = logger
    }

    /// Never throws: every failure becomes an S3 XML error response.
    func respond(to request: Request, isTLS: Bool) async -> Response {
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
                let caller = try await authenticate(s3Request!)
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
        response.headers[values: .amzRequestId] = [requestId]
        response.headers[values: .amzId2] = [requestId]
        dialect.present(&response, for: s3Request)
        return response
    }

    private func authenticate(_ request: S3Request) async throws -> Caller {
        switch try await authenticator.authenticate(request.signable, now: Date()) {
        case .anonymous:
            throw S3Error.accessDenied()
        case .authenticated(let accessKey, let payload):
            return Caller(principal: try await credentials.principal(forAccessKey: accessKey), payload: payload)
        }
    }

    /// The admin API answers JSON, never S3 XML, and only to the owner.
    private func admin(_ request: S3Request, caller: Caller) async -> Response {
        do {
            guard caller.principal == configuration.ownerName else {
                throw AdminError(status: .forbidden, code: "AccessDenied", message: "Only the owner may use the admin API, not \(caller.principal).")
            }
            let body = try await readSmallBody(request, payload: caller.payload)
            let path = request.rawPath.dropFirst(AdminAPI.pathPrefix.count).split(separator: "/").map {
                S3Request.percentDecode($0, plusIsSpace: false) ?? String($0)
            }
            return try await AdminHandler(store: store).respond(method: request.method, path: path, body: body)
        } catch {
            return AdminError(error).response
        }
    }

    private func dispatch(_ request: S3Request, caller: Caller) async throws -> Response {
        guard let bucket = request.bucket else {
            guard request.method == .get else { throw S3Error.methodNotAllowed() }
            return try await listBuckets(request)
        }
        if let key = request.key {
            return try await dispatchObject(request, bucket: bucket, key: key, caller: caller)
        }
        return try await dispatchBucket(request, bucket: bucket, caller: caller)
    }

    private func dispatchBucket(_ request: S3Request, bucket: String, caller: Caller) async throws -> Response {
        let payload = caller.payload
        switch request.method {
        case .get:
            if request.hasQuery("location") { return try await getBucketLocation(request, bucket: bucket) }
            if request.hasQuery("versioning") { return try await getBucketVersioning(request, bucket: bucket) }
            if request.hasQuery("versions") { return try await listObjectVersions(request, bucket: bucket) }
            if request.hasQuery("uploads") { return try await listMultipartUploads(request, bucket: bucket) }
            if request.hasQuery("encryption") { return try await getBucketEncryption(request, bucket: bucket) }
            try Self.rejectUnsupportedSubresource(request)
            if request.queryValue("list-type") == "2" { return try await listObjectsV2(request, bucket: bucket) }
            return try await listObjectsV1(request, bucket: bucket)
        case .put:
            if request.hasQuery("versioning") { return try await putBucketVersioning(request, bucket: bucket, payload: payload) }
            if request.hasQuery("encryption") { return try await putBucketEncryption(request, bucket: bucket, payload: payload) }
            try Self.rejectUnsupportedSubresource(request)
            return try await createBucket(request, bucket: bucket, payload: payload)
        case .head:
            return try await headBucket(request, bucket: bucket)
        case .delete:
            if request.hasQuery("encryption") { return try await deleteBucketEncryption(request, bucket: bucket) }
            try Self.rejectUnsupportedSubresource(request)
            return try await deleteBucket(request, bucket: bucket)
        case .post:
            if request.hasQuery("delete") { return try await deleteObjects(request, bucket: bucket, payload: payload) }
            throw S3Error.methodNotAllowed()
        default:
            throw S3Error.methodNotAllowed()
        }
    }

    private func dispatchObject(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        switch request.method {
        case .get:
            if let uploadId = request.queryValue("uploadId") {
                return try await listParts(request, bucket: bucket, key: key, uploadId: uploadId)
            }
            try Self.rejectUnsupportedSubresource(request)
            return try await getObject(request, bucket: bucket, key: key, caller: caller, includeBody: true)
        case .head:
            return try await getObject(request, bucket: bucket, key: key, caller: caller, includeBody: false)
        case .put:
            if let uploadId = request.queryValue("uploadId") {
                if request.header("x-amz-copy-source") != nil {
                    return try await uploadPartCopy(request, bucket: bucket, key: key, uploadId: uploadId, caller: caller)
                }
                return try await uploadPart(request, bucket: bucket, key: key, uploadId: uploadId, caller: caller)
            }
            try Self.rejectUnsupportedSubresource(request)
            if request.header("x-amz-copy-source") != nil {
                return try await copyObject(request, bucket: bucket, key: key, caller: caller)
            }
            return try await putObject(request, bucket: bucket, key: key, caller: caller)
        case .post:
            if request.hasQuery("uploads") { return try await createMultipartUpload(request, bucket: bucket, key: key, caller: caller) }
            if let uploadId = request.queryValue("uploadId") {
                return try await completeMultipartUpload(request, bucket: bucket, key: key, uploadId: uploadId, caller: caller)
            }
            throw S3Error.methodNotAllowed()
        case .delete:
            if let uploadId = request.queryValue("uploadId") {
                return try await abortMultipartUpload(request, bucket: bucket, key: key, uploadId: uploadId)
            }
            try Self.rejectUnsupportedSubresource(request)
            return try await deleteObject(request, bucket: bucket, key: key)
        default:
            throw S3Error.methodNotAllowed()
        }
    }

    /// Sub-resources obslab does not implement yet answer NotImplemented rather than being mistaken for a plain
    /// GET/PUT/DELETE of the bucket or object, which could overwrite or delete data.
    private static let unsupportedSubresources: Set<String> = [
        "acl", "policy", "cors", "lifecycle", "logging", "notification", "replication", "tagging", "website",
        "accelerate", "analytics", "inventory", "metrics", "ownershipControls", "publicAccessBlock", "requestPayment",
        "retention", "legal-hold", "object-lock", "restore", "select", "torrent", "attributes", "intelligent-tiering",
    ]

    private static func rejectUnsupportedSubresource(_ request: S3Request) throws {
        if let name = request.query.first(where: { unsupportedSubresources.contains($0.name) })?.name {
            throw S3Error.notImplemented("The ?\(name) sub-resource")
        }
    }

    private static func makeRequestId() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16, uppercase: true) }.joined()
    }
}

extension HTTPField.Name {
    static let amzRequestId = HTTPField.Name("x-amz-request-id")!
    static let amzId2 = HTTPField.Name("x-amz-id-2")!
}
