import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import KeyManagement
import ObjectStore
import S3Protocol
import S3RequestXML

/// Multipart uploads: create, upload part (and copy part), list parts, complete, abort, list uploads.
extension S3Handler {
    /// The upload's encryption is fixed here (its own SSE headers, else the bucket's default); parts follow it.
    func createMultipartUpload(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        var attributes = try ObjectHeaders.attributes(from: request.headers)
        let checksum = try MultipartChecksums.requested(by: request.headers)
        attributes.checksumType = checksum?.type
        let target = try await store.bucket(bucket)
        (attributes.retention, attributes.legalHold) = try Self.objectLock(of: request.headers, bucket: target)
        let encryption = try ServerSideEncryption.requested(by: request.headers, bucketDefault: target.defaultEncryption)
        try requireTLSForCustomerKeys(request, encryption)
        let acl = try await headerACL(request, owner: caller.principal, bucketOwner: target.owner)
        let upload = try await store.createMultipartUpload(
            bucket: bucket,
            key: key,
            attributes: attributes,
            encryption: encryption,
            principal: caller.principal,
            acl: acl?.document,
            checksumAlgorithm: checksum?.algorithm.rawValue
        )
        var headers = ServerSideEncryption.responseHeaders(for: upload.encryption, kms: store.kms)
        if let checksum {
            headers[.amzChecksumAlgorithm] = checksum.algorithm.rawValue
            headers[.amzChecksumType] = checksum.type
        }
        return try XMLResponse.make(InitiateMultipartUploadResult(bucket: bucket, key: key, uploadId: upload.uploadId), headers: headers)
    }

    /// The caller, with the SSE-C key that every part of an SSE-C upload repeats.
    private func partAccess(_ request: S3Request, caller: Caller) throws -> ReadAccess {
        ReadAccess(
            principal: caller.principal,
            customerKey: try ServerSideEncryption.customerKey(in: request.headers, prefix: ServerSideEncryption.customerPrefix)
        )
    }

    func uploadPart(_ request: S3Request, bucket: String, key: String, uploadId: String, caller: Caller) async throws -> Response {
        let partNumber = try Self.partNumber(request)
        let access = try partAccess(request, caller: caller)
        let pending = try await store.multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        let declared = try DeclaredChecksum.find(in: request.signable.headers)?.algorithm
        let upload = try await stageBody(
            request,
            caller: caller,
            target: .part(bucket: bucket, key: key, uploadId: uploadId, access: access),
            alsoCompute: MultipartChecksums.partAlgorithms(upload: pending, declared: declared)
        )
        let part: UploadedPart
        do {
            part = try await store.uploadPart(
                bucket: bucket,
                key: key,
                uploadId: uploadId,
                partNumber: partNumber,
                staged: upload.staged,
                checksums: upload.checksums
            )
        } catch {
            await store.discard(upload.staged)
            throw error
        }
        var headers: HTTPFields = [.eTag: ObjectHeaders.quoted(part.etag)]
        // The part's own checksum (the declared or the upload's); S3's internal default stays out of the answer.
        let shown = declared?.rawValue ?? pending.checksumAlgorithm
        ObjectHeaders.addChecksums(upload.checksums.filter { $0.key == shown }, to: &headers)
        headers.merge(ServerSideEncryption.responseHeaders(for: pending.encryption, kms: store.kms))
        return Response(status: .ok, headers: headers)
    }

    func uploadPartCopy(_ request: S3Request, bucket: String, key: String, uploadId: String, caller: Caller) async throws -> Response {
        let partNumber = try Self.partNumber(request)
        let (_, source) = try await resolveCopySource(request)
        let sourceAccess = try copySourceAccess(request, caller: caller)
        let access = try partAccess(request, caller: caller)
        var range: ClosedRange<Int64>? = nil
        if let header = request.header("x-amz-copy-source-range") {
            guard case .closed(let first, let last)? = ByteRange(header: header) else {
                throw S3Error.invalidArgument(
                    "The x-amz-copy-source-range value must be of the form bytes=first-last", name: "x-amz-copy-source-range", value: header)
            }
            guard last < source.size else {
                throw S3Error(
                    "InvalidRange",
                    status: .rangeNotSatisfiable,
                    message: "The requested range is not satisfiable",
                    details: [("RangeRequested", header), ("ActualObjectSize", String(source.size))]
                )
            }
            range = first...last
        }
        let part = try await store.copyPart(
            bucket: bucket,
            key: key,
            uploadId: uploadId,
            partNumber: partNumber,
            source: source,
            range: range,
            sourceAccess: sourceAccess,
            access: access
        )
        let pending = try await store.multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        var headers = ServerSideEncryption.responseHeaders(for: pending.encryption, kms: store.kms)
        if source.versionId != "null" { headers[.amzCopySourceVersionId] = source.versionId }
        return try XMLResponse.make(CopyPartResult(etag: ObjectHeaders.quoted(part.etag), lastModified: part.lastModified), headers: headers)
    }

    func listParts(_ request: S3Request, bucket: String, key: String, uploadId: String) async throws -> Response {
        let marker = Int(request.queryValue("part-number-marker") ?? "0") ?? 0
        let maxParts = try ListingParameters.limit(request, name: "max-parts")
        let page = try await store.listParts(bucket: bucket, key: key, uploadId: uploadId, partNumberMarker: marker, maxParts: maxParts)
        let upload = try await store.multipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        let initiator = Owner(principal: try await initiator(of: upload))
        let result = ListPartsResult(
            bucket: bucket,
            key: key,
            uploadId: uploadId,
            partNumberMarker: marker,
            nextPartNumberMarker: page.nextPartNumberMarker,
            maxParts: maxParts,
            isTruncated: page.isTruncated,
            parts: page.parts.map(ListPartsResult.Part.init),
            initiator: initiator,
            owner: initiator,
            storageClass: "STANDARD",
            checksumAlgorithm: upload.checksumAlgorithm,
            checksumType: upload.checksumAlgorithm == nil ? nil : upload.attributes.checksumType
        )
        return try XMLResponse.make(result)
    }

    func completeMultipartUpload(
        _ request: S3Request, bucket: String, key: String, uploadId: String, caller: Caller
    )
        async throws -> Response
    {
        let document = try await readDocument(CompleteMultipartUpload.self, request, payload: caller.payload)
        let parts = document.parts.map { CompletedPart(partNumber: $0.partNumber, etag: $0.etag) }
        let version = try await store.completeMultipartUpload(bucket: bucket, key: key, uploadId: uploadId, parts: parts) { upload, stored in
            try MultipartChecksums.objectChecksums(upload: upload, requested: document.parts, stored: stored, headers: request.headers)
        }
        let checksums = version.attributes.checksums
        var headers = ServerSideEncryption.responseHeaders(for: version.encryption, kms: store.kms)
        if version.versionId != "null" { headers[.amzVersionId] = version.versionId }
        let result = CompleteMultipartUploadResult(
            location: "/\(bucket)/\(PercentEncoding.uriEncode(key, encodeSlash: false))",
            bucket: bucket,
            key: key,
            etag: ObjectHeaders.quoted(version.etag),
            checksumCRC32: checksums[ChecksumAlgorithm.crc32.rawValue],
            checksumCRC32C: checksums[ChecksumAlgorithm.crc32c.rawValue],
            checksumCRC64NVME: checksums[ChecksumAlgorithm.crc64nvme.rawValue],
            checksumSHA1: checksums[ChecksumAlgorithm.sha1.rawValue],
            checksumSHA256: checksums[ChecksumAlgorithm.sha256.rawValue],
            checksumType: MultipartChecksums.type(of: version.attributes)
        )
        return try XMLResponse.make(result, headers: headers)
    }

    func abortMultipartUpload(_ request: S3Request, bucket: String, key: String, uploadId: String) async throws -> Response {
        try await store.abortMultipartUpload(bucket: bucket, key: key, uploadId: uploadId)
        return Response(status: .noContent)
    }

    func listMultipartUploads(_ request: S3Request, bucket: String) async throws -> Response {
        let listing = try ListingParameters(request)
        let (prefix, delimiter) = (listing.prefix, listing.delimiter)
        let keyMarker = request.queryValue("key-marker") ?? ""
        let uploadIdMarker = request.queryValue("upload-id-marker") ?? ""
        let maxUploads = try ListingParameters.limit(request, name: "max-uploads")
        let page = try await store.listMultipartUploads(
            bucket: bucket,
            query: UploadListQuery(
                prefix: prefix,
                delimiter: delimiter,
                keyMarker: keyMarker.isEmpty ? nil : keyMarker,
                uploadIdMarker: uploadIdMarker.isEmpty ? nil : uploadIdMarker,
                maxUploads: maxUploads
            )
        )
        let encode = listing.encode
        let bucketOwner = try await store.bucket(bucket).owner
        let result = ListMultipartUploadsResult(
            bucket: bucket,
            keyMarker: encode(keyMarker),
            uploadIdMarker: uploadIdMarker,
            nextKeyMarker: page.nextKeyMarker.map(encode),
            nextUploadIdMarker: page.nextUploadIdMarker,
            prefix: encode(prefix),
            delimiter: delimiter.map(encode),
            maxUploads: maxUploads,
            isTruncated: page.isTruncated,
            encodingType: listing.encodingType,
            uploads: page.uploads.map {
                let initiator = Owner(principal: $0.initiator ?? bucketOwner)
                return ListMultipartUploadsResult.Upload(
                    key: encode($0.key),
                    uploadId: $0.uploadId,
                    initiator: initiator,
                    owner: initiator,
                    storageClass: "STANDARD",
                    initiated: $0.initiated
                )
            },
            commonPrefixes: page.commonPrefixes.map { CommonPrefix(prefix: encode($0)) }
        )
        return try XMLResponse.make(result)
    }

    /// Who started an upload (the owner of the object it completes into); uploads from before owners: the bucket's.
    private func initiator(of upload: MultipartUpload) async throws -> String {
        if let initiator = upload.initiator { return initiator }
        return try await store.bucket(upload.bucket).owner
    }

    private static func partNumber(_ request: S3Request) throws -> Int {
        let text = request.queryValue("partNumber") ?? ""
        guard let number = Int(text), (1...10_000).contains(number) else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: text)
        }
        return number
    }
}
