import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import KeyManagement
import ObjectStore
import S3Protocol

/// CopyObject and the copy-source reading shared with UploadPartCopy.
extension S3Handler {
    /// The copy is decrypted with the source's key and written as the destination asks (its own SSE headers, else the
    /// destination bucket's default): the way data moves between encryption settings.
    func copyObject(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        let (source, sourceVersion) = try await resolveCopySource(request)
        let destination = try await store.bucket(bucket)
        let encryption = try ServerSideEncryption.requested(by: request.headers, bucketDefault: destination.defaultEncryption)
        try requireTLSForCustomerKeys(request, encryption)
        let sourceAccess = try copySourceAccess(request, caller: caller)
        let changesEncryption = request.headers[ServerSideEncryption.algorithm] != nil
            || request.headers[ServerSideEncryption.customerAlgorithm] != nil
        let directive = request.header("x-amz-metadata-directive")?.uppercased() ?? "COPY"
        guard directive == "COPY" || directive == "REPLACE" else {
            throw S3Error.invalidArgument("Unknown metadata directive.", name: "x-amz-metadata-directive", value: directive)
        }
        let copiesOntoItself = source.bucket == bucket && source.key == key
            && (source.versionId == nil || sourceVersion.isLatest)
        let storageClass = try StorageClass.requested(by: request.headers)
        if copiesOntoItself && directive == "COPY" && storageClass == nil && !changesEncryption {
            throw S3Error.invalidRequest(
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's "
                    + "metadata, storage class, website redirect location or encryption attributes."
            )
        }
        var attributes = directive == "REPLACE" ? try ObjectHeaders.attributes(from: request.headers) : sourceVersion.attributes
        attributes.checksums = sourceVersion.attributes.checksums
        if directive == "COPY", let storageClass { attributes.storageClass = storageClass }

        // The copy is a new object of the caller's: its ACL is the one the request asks for, never the source's.
        let acl = try await headerACL(request, owner: caller.principal, bucketOwner: destination.owner)
        let copy = try await store.copyObject(
            source: sourceVersion,
            bucket: bucket,
            key: key,
            attributes: attributes,
            sourceAccess: sourceAccess,
            encryption: encryption,
            owner: caller.principal,
            acl: acl?.document
        )
        var headers = ServerSideEncryption.responseHeaders(for: copy.encryption, kms: store.kms)
        if copy.versionId != "null" { headers[.amzVersionId] = copy.versionId }
        if sourceVersion.versionId != "null" { headers[.amzCopySourceVersionId] = sourceVersion.versionId }
        return try XMLResponse.make(
            CopyObjectResult(etag: ObjectHeaders.quoted(copy.etag), lastModified: copy.lastModified),
            headers: headers
        )
    }

    /// Who reads the copy source: the caller, with the `x-amz-copy-source-server-side-encryption-customer-*` key if sent.
    func copySourceAccess(_ request: S3Request, caller: Caller) throws -> ReadAccess {
        ReadAccess(
            principal: caller.principal,
            customerKey: try ServerSideEncryption.customerKey(in: request.headers, prefix: ServerSideEncryption.copySourceCustomerPrefix)
        )
    }

    /// SSE-C keys travel in headers; `--require-tls-for-customer-keys` refuses them over plain HTTP, as S3 always does.
    func requireTLSForCustomerKeys(_ request: S3Request, _ encryption: EncryptionRequest?) throws {
        guard configuration.requireTLSForCustomerKeys, !request.isTLS else { return }
        if case .sseC? = encryption {
            throw S3Error.invalidRequest("Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.")
        }
    }

    /// Reads `x-amz-copy-source` and checks its `x-amz-copy-source-if-*` conditions (which fail with 412, never 304).
    func resolveCopySource(_ request: S3Request) async throws -> (CopySource, ObjectVersion) {
        let source = try CopySource(header: request.header("x-amz-copy-source") ?? "")
        let version = try await store.headObject(bucket: source.bucket, key: source.key, versionId: source.versionId)
        let preconditions = Preconditions(
            ifMatch: request.header("x-amz-copy-source-if-match"),
            ifNoneMatch: request.header("x-amz-copy-source-if-none-match"),
            ifModifiedSince: request.header("x-amz-copy-source-if-modified-since").flatMap(SignatureDate.parseRFC1123),
            ifUnmodifiedSince: request.header("x-amz-copy-source-if-unmodified-since").flatMap(SignatureDate.parseRFC1123)
        )
        if preconditions.evaluate(etag: version.etag, lastModified: version.lastModified, notModifiedFails: true) != .proceed {
            throw S3Error.preconditionFailed
        }
        return (source, version)
    }
}

extension HTTPField.Name {
    static let amzCopySourceVersionId = HTTPField.Name("x-amz-copy-source-version-id")!
}
