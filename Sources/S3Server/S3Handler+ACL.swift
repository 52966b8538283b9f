import AccessControl
import HTTPTypes
import Hummingbird
import ObjectStore
import S3Protocol

/// ACLs: GET and PUT `?acl` on buckets and objects (an XML body, a canned ACL or grant headers), and the ACL a
/// creation asks for with the same headers.
extension S3Handler {
    func getBucketACL(_ request: S3Request, bucket: String) async throws -> Response {
        let found = try await store.bucket(bucket)
        let acl = try AccessControlList.stored(found.acl, owner: found.owner)
        return try XMLResponse.make(AccessControlPolicy(acl, owner: found.owner, dialect: Dialect.current, isObject: false))
    }

    func putBucketACL(_ request: S3Request, bucket: String, caller: Caller) async throws -> Response {
        let found = try await store.bucket(bucket)
        let acl = try await requestedACL(request, payload: caller.payload, owner: found.owner, bucketOwner: found.owner)
        try await store.setBucketACL(bucket, acl.document)
        return Response(status: .ok)
    }

    func getObjectACL(_ request: S3Request, bucket: String, key: String) async throws -> Response {
        let found = try await store.bucket(bucket)
        let version = try await store.headObject(bucket: bucket, key: key, versionId: request.queryValue("versionId"))
        let owner = version.owner ?? found.owner
        let acl = try AccessControlList.stored(version.acl, owner: owner)
        var headers = HTTPFields()
        if version.versionId != "null" { headers[.amzVersionId] = version.versionId }
        return try XMLResponse.make(AccessControlPolicy(acl, owner: owner, dialect: Dialect.current, isObject: true), headers: headers)
    }

    func putObjectACL(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        let found = try await store.bucket(bucket)
        let versionId = request.queryValue("versionId")
        let version = try await store.headObject(bucket: bucket, key: key, versionId: versionId)
        let acl = try await requestedACL(request, payload: caller.payload, owner: version.owner ?? found.owner, bucketOwner: found.owner)
        let updated = try await store.setObjectACL(bucket: bucket, key: key, versionId: version.versionId, acl.document)
        var headers = HTTPFields()
        if updated.versionId != "null" { headers[.amzVersionId] = updated.versionId }
        return Response(status: .ok, headers: headers)
    }

    /// The ACL of a PUT `?acl`: its XML body, or else its canned ACL or grant headers, never both.
    private func requestedACL(
        _ request: S3Request, payload: PayloadSigning, owner: String, bucketOwner: String
    ) async throws
        -> AccessControlList
    {
        let document = try await readDocumentIfPresent(AccessControlPolicy.self, request, payload: payload)
        let fromHeaders = try await headerACL(request, owner: owner, bucketOwner: bucketOwner)
        guard let document else {
            guard let fromHeaders else {
                throw S3Error("MissingSecurityHeader", status: .badRequest, message: "Your request was missing a required header")
            }
            return fromHeaders
        }
        guard fromHeaders == nil else {
            throw S3Error("UnexpectedContent", status: .badRequest, message: "This request does not support content")
        }
        return try document.accessControlList(principals: try await gate.knownPrincipals())
    }

    /// The ACL that `x-amz-acl` (a canned ACL) or the `x-amz-grant-*` headers ask for on a resource owned by `owner`, or
    /// nil when the request has neither (the resource then stays or starts private).
    func headerACL(_ request: S3Request, owner: String, bucketOwner: String) async throws -> AccessControlList? {
        let canned = request.header("x-amz-acl")
        var grantHeaders: [String: String] = [:]
        for (name, _, _) in GrantHeaders.permissions { grantHeaders[name] = request.header(name) }
        switch (canned, grantHeaders.isEmpty) {
        case (nil, true):
            return nil
        case (let name?, true):
            guard let acl = CannedACL.named(name, obsDialect: Dialect.current == .obs) else {
                throw S3Error.invalidArgument("The canned ACL is not valid", name: "x-amz-acl", value: name)
            }
            return acl.acl(owner: owner, bucketOwner: bucketOwner)
        case (nil, false):
            do {
                let grants = try GrantHeaders.grants(from: grantHeaders, directory: try await gate.knownPrincipals())
                return AccessControlList(grants: grants)
            } catch let error as AccessControlError {
                throw S3Error(accessControl: error)
            }
        case (.some, false):
            throw S3Error.invalidRequest("Specifying both Canned ACLs and Header Grants is not allowed")
        }
    }
}
