import AccessControl
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ObjectStore
import S3Protocol
import S3RequestXML

/// Browser-based uploads: `POST /bucket` with a `multipart/form-data` form whose policy the form's signer signed. The
/// fields before the file are read, the signature and the policy's conditions checked, then the file is streamed into
/// the store as a PutObject by the signer would be, with the form's fields standing for a PUT's headers.
extension S3Handler {
    /// Form fields that are the form's own, not an object's header, and need no policy condition.
    private static let formOnlyFields: Set<String> = [
        "file", "policy", "signature", "x-amz-signature", "awsaccesskeyid", "accesskeyid", "token", "x-amz-algorithm",
        "x-amz-credential", "x-amz-date", "x-amz-security-token", "x-obs-security-token", "key", "acl", "tagging",
        "success_action_status", "success_action_redirect", "redirect",
    ]

    /// The fields S3 lets a form carry without a policy condition naming them.
    private static let signatureFields: Set<String> = ["file", "policy", "signature", "x-amz-signature", "awsaccesskeyid", "accesskeyid", "token"]

    func postObject(_ request: S3Request, bucket bucketName: String, caller unsignedCaller: Caller) async throws -> Response {
        guard let boundary = FormDataReader<RequestBody.AsyncIterator>.boundary(contentType: request.header("content-type") ?? "") else {
            throw FormDataReader<RequestBody.AsyncIterator>.malformed()
        }
        let target = try await store.bucket(bucketName)
        let reader = FormDataReader(source: request.body.makeAsyncIterator(), boundary: boundary)
        let parts = try await reader.readFieldsUpToFile()
        guard let file = parts.last, file.filename != nil || file.name.lowercased() == "file" else {
            throw S3Error.invalidArgument("POST requires exactly one file upload per request.", name: "file", value: "0")
        }
        var fields: [String: String] = [:]
        for part in parts.dropLast() { fields[part.name.lowercased()] = part.value }
        // The policy's `bucket` condition is about the bucket posted to, whatever a form field says.
        fields["bucket"] = bucketName
        let isOBS = fields["accesskeyid"] != nil || fields["token"] != nil || fields.keys.contains { $0.hasPrefix("x-obs-") }
        let dialect: Dialect = isOBS ? .obs : .s3
        return try await Dialect.$current.withValue(dialect) {
            try await postObject(request, bucket: target, fields: fields, file: file, reader: reader, unsignedCaller: unsignedCaller)
        }
    }

    private func postObject(
        _ request: S3Request,
        bucket: Bucket,
        fields: [String: String],
        file: FormDataReader<RequestBody.AsyncIterator>.Part,
        reader: FormDataReader<RequestBody.AsyncIterator>,
        unsignedCaller: Caller
    ) async throws -> Response {
        guard let keyField = fields["key"], !keyField.isEmpty else {
            throw S3Error.invalidArgument(
                "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
                name: "key",
                value: ""
            )
        }
        let key = keyField.replacingOccurrences(of: "${filename}", with: file.filename ?? "")
        var caller = unsignedCaller
        var lengthRange: ClosedRange<Int64>?
        if let credentials = try PostCredentials(fields: fields) {
            try credentials.verify(secretKey: await self.credentials.secretKey(forAccessKey: credentials.accessKey))
            let principal = try await self.credentials.principal(forAccessKey: credentials.accessKey)
            caller = Caller(identity: .named(principal), payload: .unsigned, remoteAddress: unsignedCaller.remoteAddress)
            let policy = try PostPolicy(base64: credentials.policy)
            try policy.check(
                fields: fields,
                now: Date(),
                exempt: { Self.signatureFields.contains($0) || $0.hasPrefix("x-ignore-") },
                requireConditionForEachField: Dialect.current == .s3
            )
            lengthRange = policy.lengthRange
        }
        let upload = try objectRequest(for: request, bucket: bucket.name, key: key, fields: fields)
        try await authorize(.putObject, upload, caller: caller)

        var attributes = try ObjectHeaders.attributes(from: upload.headers)
        (attributes.retention, attributes.legalHold) = try Self.objectLock(of: upload.headers, bucket: bucket)
        let encryption = try ServerSideEncryption.requested(by: upload.headers, bucketDefault: bucket.defaultEncryption)
        try requireTLSForCustomerKeys(upload, encryption)
        let acl = try await headerACL(upload, owner: caller.principal, bucketOwner: bucket.owner)
        let maxBytes = min(lengthRange?.upperBound ?? Int64(VerifiedBody.maxBytes), Int64(VerifiedBody.maxBytes))
        let tooLarge = S3Error(
            "EntityTooLarge",
            status: .badRequest,
            message: "Your proposed upload exceeds the maximum allowed size",
            details: [("MaxSizeAllowed", String(maxBytes))]
        )
        let staged = try await store.stage(
            FormFileStream(reader: reader, maxBytes: maxBytes, tooLarge: tooLarge),
            encryption: encryption,
            principal: caller.principal
        )
        if let lengthRange, staged.size < lengthRange.lowerBound {
            await store.discard(staged)
            throw S3Error(
                "EntityTooSmall",
                status: .badRequest,
                message: "Your proposed upload is smaller than the minimum allowed size",
                details: [("MinSizeAllowed", String(lengthRange.lowerBound)), ("ProposedSize", String(staged.size))]
            )
        }
        attributes.checksums = [:]
        let version: ObjectVersion
        do {
            version = try await store.putObject(
                bucket: bucket.name,
                key: key,
                staged: staged,
                attributes: attributes,
                condition: nil,
                owner: caller.principal,
                acl: acl?.document
            )
        } catch {
            await store.discard(staged)
            throw error
        }
        return try Self.postAnswer(
            request, fields: fields, version: version,
            encryptionHeaders: ServerSideEncryption.responseHeaders(
                for: version.encryption,
                kms: store.kms
            ))
    }

    /// The PutObject the form stands for: its fields as the headers of a PUT of `bucket/key` (in the request's dialect,
    /// translated to S3's), so that ACLs, encryption, metadata and tags are read as on a PUT, and policies see them.
    private func objectRequest(for request: S3Request, bucket: String, key: String, fields: [String: String]) throws -> S3Request {
        let prefix = Dialect.current.headerPrefix
        var headers = HTTPFields()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            let headerName: String
            switch name {
            case "acl": headerName = prefix + "acl"
            case "tagging": headerName = prefix + "tagging"
            case "content-type", "cache-control", "content-disposition", "content-encoding", "expires", "content-language":
                headerName = name
            default:
                guard name.hasPrefix(prefix), !Self.formOnlyFields.contains(name) else { continue }
                headerName = name
            }
            guard let fieldName = HTTPField.Name(headerName) else { continue }
            headers[fieldName] = name == "tagging" ? try Self.taggingHeader(fromXML: value) : value
        }
        let path = (request.isVirtualHosted ? "" : "/" + bucket) + "/" + PercentEncoding.uriEncode(key, encodeSlash: false)
        var head = HTTPRequest(method: .put, scheme: nil, authority: request.head.authority, path: path, headerFields: headers)
        head = try Dialect.current.incoming(head)
        return try S3Request(
            request: Request(head: head, body: request.body),
            virtualHostDomains: configuration.virtualHostDomains,
            requestId: request.requestId,
            isTLS: request.isTLS
        )
    }

    /// S3's `tagging` form field is a `Tagging` document; the PUT it stands for carries the tags as `x-amz-tagging`.
    private static func taggingHeader(fromXML value: String) throws -> String {
        let tags = try TagRules(for: .object).tags(of: try S3XML.decode(Tagging.self, from: Array(value.utf8)))
        return tags.sorted { $0.key < $1.key }.map {
            PercentEncoding.uriEncode($0.key) + "=" + PercentEncoding.uriEncode($0.value)
        }.joined(separator: "&")
    }

    /// `success_action_redirect` (303 to it, with bucket, key and ETag), else `success_action_status`: 200 or 204 with no
    /// body, 201 with a `PostResponse`; 204 for anything else.
    private static func postAnswer(
        _ request: S3Request, fields: [String: String], version: ObjectVersion, encryptionHeaders: HTTPFields
    ) throws
        -> Response
    {
        let etag = ObjectHeaders.quoted(version.etag)
        let scheme = request.isTLS ? "https" : "http"
        let objectPath = (request.isVirtualHosted ? "" : "/" + version.bucket) + "/" + PercentEncoding.uriEncode(version.key, encodeSlash: false)
        let location = "\(scheme)://\(request.head.authority ?? "localhost")\(objectPath)"
        var headers = encryptionHeaders
        headers[.eTag] = etag
        headers[.location] = location
        if version.versionId != "null" { headers[.amzVersionId] = version.versionId }
        if let redirect = fields["success_action_redirect"] ?? fields["redirect"], var components = URLComponents(string: redirect),
            components.scheme == "http" || components.scheme == "https"
        {
            var items = components.queryItems ?? []
            items += [
                URLQueryItem(name: "bucket", value: version.bucket), URLQueryItem(name: "key", value: version.key),
                URLQueryItem(name: "etag", value: etag),
            ]
            components.queryItems = items
            headers[.location] = components.string ?? redirect
            return Response(status: .seeOther, headers: headers)
        }
        switch fields["success_action_status"] {
        case "200": return Response(status: .ok, headers: headers)
        case "201":
            return try XMLResponse.make(
                PostResponse(location: location, bucket: version.bucket, key: version.key, etag: etag),
                status: .created,
                headers: headers
            )
        default: return Response(status: .noContent, headers: headers)
        }
    }
}
