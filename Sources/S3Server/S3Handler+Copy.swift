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
        _ = try Self.replacesTags(request)
        let (source, sourceVersion) = try await resolveCopySource(request)
        let destination = try await store.bucket(bucket)
        let encryption = try ServerSideEncryption.requested(by: request.headers, bucketDefault: destination.defaultEncryption)
        try requireTLSForCustomerKeys(request, encryption)
        let sourceAccess = try copySourceAccess(request, caller: caller)
        let changesEncryption =
            request.headers[ServerSideEncryption.algorithm] != nil
            || request.headers[ServerSideEncryption.customerAlgorithm] != nil
        let directive = request.header("x-amz-metadata-directive")?.uppercased() ?? "COPY"
        guard directive == "COPY" || directive == "REPLACE" else {
            throw S3Error.invalidArgument("Unknown metadata directive.", name: "x-amz-metadata-directive", value: directive)
        }
        let copiesOntoItself =
            source.bucket == bucket && source.key == key
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
        attributes.checksumType = sourceVersion.attributes.checksumType
        if let algorithm = try Self.copyChecksumAlgorithm(request), !Self.hasFullObjectChecksum(attributes, algorithm) {
            attributes.checksums = [algorithm.rawValue: try await fullObjectChecksum(sourceVersion, algorithm, access: sourceAccess)]
            attributes.checksumType = MultipartChecksums.fullObject
        }
        if directive == "COPY", let storageClass { attributes.storageClass = storageClass }
        attributes.tags = try Self.copiedTags(request, source: sourceVersion)
        // A copy never inherits the source's lock: it has the one its request asks for, or the bucket's default.
        (attributes.retention, attributes.legalHold) = try Self.objectLock(of: request.headers, bucket: destination)

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
        let checksums = copy.attributes.checksums
        let result = CopyObjectResult(
            etag: ObjectHeaders.quoted(copy.etag),
            lastModified: copy.lastModified,
            checksumCRC32: checksums[ChecksumAlgorithm.crc32.rawValue],
            checksumCRC32C: checksums[ChecksumAlgorithm.crc32c.rawValue],
            checksumCRC64NVME: checksums[ChecksumAlgorithm.crc64nvme.rawValue],
            checksumSHA1: checksums[ChecksumAlgorithm.sha1.rawValue],
            checksumSHA256: checksums[ChecksumAlgorithm.sha256.rawValue],
            checksumType: MultipartChecksums.type(of: copy.attributes)
        )
        return try XMLResponse.make(result, headers: headers)
    }

    /// `x-amz-checksum-algorithm` of a CopyObject: the checksum the copy is to carry.
    private static func copyChecksumAlgorithm(_ request: S3Request) throws -> ChecksumAlgorithm? {
        guard let name = request.headers[.amzChecksumAlgorithm] else { return nil }
        guard let algorithm = ChecksumAlgorithm(name: name) else {
            throw S3Error.invalidRequest(
                "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"
            )
        }
        return algorithm
    }

    private static func hasFullObjectChecksum(_ attributes: ObjectAttributes, _ algorithm: ChecksumAlgorithm) -> Bool {
        attributes.checksums[algorithm.rawValue] != nil && MultipartChecksums.type(of: attributes) == MultipartChecksums.fullObject
    }

    /// The checksum of the source's bytes, read once as they stream by (a copy asked for another algorithm, or for a
    /// whole-object value where the source has a composite one).
    private func fullObjectChecksum(_ version: ObjectVersion, _ algorithm: ChecksumAlgorithm, access: ReadAccess) async throws -> String {
        var checksummer = Checksummer(algorithm)
        for try await buffer in try store.read(version, access: access) { checksummer.update(buffer) }
        return checksummer.finalize()
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
            throw S3Error.invalidRequest(
                "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.")
        }
    }

    /// Reads `x-amz-copy-source` and checks its `x-amz-copy-source-if-*` conditions (which fail with 412, never 304).
    func resolveCopySource(_ request: S3Request) async throws -> (CopySource, ObjectVersion) {
        let source = try CopySource(header: request.header("x-amz-copy-source") ?? "")
        let version = try await store.headObject(bucket: source.bucket, key: source.key, versionId: source.versionId)
        try requireRestored(version)  // a cold source is read only once restored, as on S3
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
