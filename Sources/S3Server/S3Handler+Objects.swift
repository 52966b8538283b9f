import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import KeyManagement
import NIOCore
import ObjectStore
import S3Protocol

/// Single-object operations: PutObject, GetObject, HeadObject, DeleteObject.
extension S3Handler {
    /// - Parameter appendable: OBS's first append (`POST ?append&position=0`), which makes an appendable object.
    func putObject(_ request: S3Request, bucket: String, key: String, caller: Caller, appendable: Bool = false) async throws -> Response {
        var attributes = try ObjectHeaders.attributes(from: request.headers)
        let target = try await store.bucket(bucket)  // fail before reading a body nobody will keep
        (attributes.retention, attributes.legalHold) = try Self.objectLock(of: request.headers, bucket: target)
        let encryption = try ServerSideEncryption.requested(by: request.headers, bucketDefault: target.defaultEncryption)
        try requireTLSForCustomerKeys(request, encryption)
        let acl = try await headerACL(request, owner: caller.principal, bucketOwner: target.owner)
        // Without a checksum of the client's, S3 keeps its default, CRC64NVME, computed as the body arrives.
        let declared = try DeclaredChecksum.find(in: request.signable.headers)
        let upload = try await stageBody(
            request,
            caller: caller,
            target: .object(encryption),
            alsoCompute: declared == nil ? [MultipartChecksums.defaultAlgorithm] : []
        )
        attributes.checksums = upload.checksums
        attributes.checksumType = upload.checksums.isEmpty ? nil : MultipartChecksums.fullObject
        let version: ObjectVersion
        do {
            version = try await store.putObject(
                bucket: bucket,
                key: key,
                staged: upload.staged,
                attributes: attributes,
                condition: try Self.writeCondition(request),
                owner: caller.principal,
                acl: acl?.document,
                appendable: appendable
            )
        } catch {
            await store.discard(upload.staged)
            throw error
        }
        var headers: HTTPFields = [.eTag: ObjectHeaders.quoted(version.etag)]
        if version.versionId != "null" { headers[.amzVersionId] = version.versionId }
        ObjectHeaders.addChecksums(of: version, to: &headers)
        if appendable { headers[.amzNextAppendPosition] = String(version.size) }
        headers.merge(ServerSideEncryption.responseHeaders(for: version.encryption, kms: store.kms))
        return Response(status: .ok, headers: headers)
    }

    /// S3's conditional writes: `If-None-Match: *` creates only, `If-Match: "etag"` replaces only that object.
    static func writeCondition(_ request: S3Request) throws -> WriteCondition? {
        if let ifNoneMatch = request.headers[.ifNoneMatch] {
            guard ifNoneMatch.trimmingCharacters(in: .whitespaces) == "*" else {
                throw S3Error.notImplemented("If-None-Match with a value other than *")
            }
            return .ifNoneMatch
        }
        return request.headers[.ifMatch].map { .ifMatch($0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))) }
    }

    /// GetObject and HeadObject: conditions, ranges, part numbers and `response-*` overrides.
    /// - Parameter authorizedVersion: the version the access decision read, served rather than read again.
    func getObject(
        _ request: S3Request,
        bucket: String,
        key: String,
        caller: Caller,
        includeBody: Bool,
        authorizedVersion: ObjectVersion?
    ) async throws -> Response {
        try ServerSideEncryption.refuseOnRead(request.headers)
        let version: ObjectVersion
        if let authorizedVersion {
            version = authorizedVersion
        } else {
            version = try await store.headObject(bucket: bucket, key: key, versionId: request.queryValue("versionId"))
        }
        let access = ReadAccess(
            principal: caller.principal,
            customerKey: try ServerSideEncryption.customerKey(in: request.headers, prefix: ServerSideEncryption.customerPrefix)
        )
        // HEAD needs no KMS grant (as on S3), but an SSE-C object only answers to its key.
        if case .sseC? = version.encryption?.mode { try store.checkAccess(version, access) }
        let preconditions = Preconditions(
            ifMatch: request.headers[.ifMatch],
            ifNoneMatch: request.headers[.ifNoneMatch],
            ifModifiedSince: request.headers[.ifModifiedSince].flatMap(SignatureDate.parseRFC1123),
            ifUnmodifiedSince: request.headers[.ifUnmodifiedSince].flatMap(SignatureDate.parseRFC1123)
        )
        var headers = ObjectHeaders.describing(version)
        await addObjectLockHeaders(of: version, request, caller: caller, to: &headers)
        Self.addAppendHeaders(of: version, to: &headers)
        addRestoreHeader(of: version, to: &headers)
        headers.merge(ServerSideEncryption.responseHeaders(for: version.encryption, kms: store.kms))
        switch preconditions.evaluate(etag: version.etag, lastModified: version.lastModified) {
        case .proceed: break
        case .notModified:
            return Response(
                status: .notModified, headers: [.eTag: ObjectHeaders.quoted(version.etag), .lastModified: HTTPDate.rfc1123(version.lastModified)])
        case .preconditionFailed: throw S3Error.preconditionFailed
        }
        ObjectHeaders.applyOverrides(request.query, to: &headers)

        var status = HTTPResponse.Status.ok
        var selected: ClosedRange<Int64>? = nil
        if let partNumberText = request.queryValue("partNumber") {
            selected = try Self.partRange(partNumberText, of: version)
            if let selected { headers[.contentRange] = "bytes \(selected.lowerBound)-\(selected.upperBound)/\(version.size)" }
            status = version.partSizes.isEmpty ? .ok : .partialContent
        } else if let rangeHeader = request.headers[.range], let range = ByteRange(header: rangeHeader) {
            guard let resolved = range.resolve(size: version.size) else { throw S3Error.invalidRange(size: version.size) }
            selected = resolved
            headers[.contentRange] = "bytes \(resolved.lowerBound)-\(resolved.upperBound)/\(version.size)"
            status = .partialContent
        }
        // A checksum describes the whole object (or the part asked for), so S3 returns none with a byte range.
        if request.header("x-amz-checksum-mode")?.uppercased() == "ENABLED" {
            if let partNumber = request.queryValue("partNumber").flatMap(Int.init), !version.partSizes.isEmpty {
                ObjectHeaders.addChecksums(ofPart: partNumber, of: version, to: &headers)
            } else if selected == nil {
                ObjectHeaders.addChecksums(of: version, to: &headers)
            }
        }
        let length = selected.map { $0.upperBound - $0.lowerBound + 1 } ?? version.size
        headers[.contentLength] = String(length)
        guard includeBody else { return Response(status: status, headers: headers) }
        try requireRestored(version)
        let body = try store.read(version, range: selected, access: access)
        if length <= Self.bufferedBodyLimit {
            // Read whole before the status line: one write to the socket, and a damaged encrypted object is an error answer.
            var buffer = ByteBuffer()
            for try await piece in body { buffer.writeImmutableBuffer(piece) }
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
        }
        if version.encryption != nil {
            // Decrypting the first chunk before the status line turns a damaged object into an error answer;
            // damage further in cuts the stream, which clients report as an error too. Never wrong bytes.
            let start = selected?.lowerBound ?? 0
            for try await _ in try store.read(version, range: start...start, access: access) {}
        }
        return Response(status: status, headers: headers, body: ResponseBody(asyncSequence: body))
    }

    /// Bodies up to this size are answered from one buffer rather than streamed.
    static let bufferedBodyLimit: Int64 = 64 * 1024

    /// The byte range of part N of a multipart object; an object uploaded in one piece has only part 1. A number beyond
    /// the object's parts is `InvalidPart` (400), as ceph s3-tests expect of S3.
    private static func partRange(_ text: String, of version: ObjectVersion) throws -> ClosedRange<Int64>? {
        guard let number = Int(text), number >= 1, number <= 10_000 else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: text)
        }
        let count = max(1, version.partSizes.count)
        guard number <= count else {
            throw S3Error(
                "InvalidPart",
                status: .badRequest,
                message: "The requested partnumber is not satisfiable",
                details: [("PartNumberRequested", String(number)), ("ActualPartCount", String(count))]
            )
        }
        if version.partSizes.isEmpty { return nil }
        let start = version.partSizes.prefix(number - 1).reduce(0, +)
        return start...(start + version.partSizes[number - 1] - 1)
    }

    /// A version Object Lock protects refuses deletion (AccessDenied) unless a GOVERNANCE retention is bypassed.
    func deleteObject(_ request: S3Request, bucket: String, key: String, caller: Caller) async throws -> Response {
        let bypass = await bypassesGovernance(request, bucket: try await store.bucket(bucket), key: key, caller: caller)
        let result = try await store.deleteObject(bucket: bucket, key: key, versionId: request.queryValue("versionId"), bypassGovernance: bypass)
        var headers = HTTPFields()
        if result.isDeleteMarker {
            headers[.amzDeleteMarker] = "true"
        } else if result.versionId == nil {
            headers[.amzDeleteMarker] = "false"  // an unversioned bucket: S3 says no marker was made
        }
        if let versionId = result.versionId, versionId != "null" || result.isDeleteMarker { headers[.amzVersionId] = versionId }
        return Response(status: .noContent, headers: headers)
    }
}
