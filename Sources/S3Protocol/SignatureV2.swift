import Crypto

/// AWS Signature Version 2 (HMAC-SHA1), written so that the Huawei OBS signature, the same algorithm over
/// `x-obs-*` headers with an `OBS` scheme, can reuse it through another ``Dialect``.
public enum SignatureV2 {
    /// What differs between S3's V2 signature and its derivatives.
    public struct Dialect: Sendable {
        /// The `Authorization` scheme, `AWS` in `AWS AK:signature`.
        public var scheme: String
        /// Lower-case prefix of the dialect's own headers, `x-amz-`, which its signers put in the canonical headers.
        public var headerPrefix: String
        /// Query parameters that belong to the canonical resource.
        public var subresources: Set<String>
        /// Another list some SDKs sign with; a signature that fails with `subresources` is tried with this one.
        public var fallbackSubresources: Set<String>?
        /// The query parameter naming the access key in a presigned URL, `AWSAccessKeyId`.
        public var accessKeyParameter: String

        public init(
            scheme: String,
            headerPrefix: String,
            subresources: Set<String>,
            fallbackSubresources: Set<String>? = nil,
            accessKeyParameter: String = "AWSAccessKeyId"
        ) {
            self.scheme = scheme
            self.headerPrefix = headerPrefix
            self.subresources = subresources
            self.fallbackSubresources = fallbackSubresources
            self.accessKeyParameter = accessKeyParameter
        }

        /// The date header of the dialect (`x-amz-date`); when present it replaces `Date`, whose line is then empty.
        public var dateHeader: String { self.headerPrefix + "date" }

        /// S3's sub-resources: those of the S3 documentation plus those botocore signs, falling back to botocore's
        /// own list (which lacks `encryption`, for one).
        public static let aws = Dialect(
            scheme: "AWS",
            headerPrefix: "x-amz-",
            subresources: documentedSubresources.union(botocoreSubresources),
            fallbackSubresources: botocoreSubresources
        )

        /// Huawei OBS: `Authorization: OBS AK:signature`, `x-obs-*` headers, `AccessKeyId` in presigned URLs, and
        /// the sub-resources of the OBS documentation plus those esdk-obs-python signs.
        public static let obs = Dialect(
            scheme: "OBS",
            headerPrefix: "x-obs-",
            subresources: obsDocumentedSubresources.union(obsSDKSubresources),
            accessKeyParameter: "AccessKeyId"
        )
    }

    static let responseOverrides: Set<String> = [
        "response-content-type", "response-content-language", "response-expires", "response-cache-control",
        "response-content-disposition", "response-content-encoding",
    ]
    static let documentedSubresources: Set<String> = responseOverrides.union([
        "acl", "delete", "lifecycle", "location", "logging", "notification", "partNumber", "policy", "requestPayment",
        "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website", "cors", "encryption",
    ])
    static let botocoreSubresources: Set<String> = responseOverrides.union([
        "accelerate", "acl", "cors", "defaultObjectAcl", "location", "logging", "partNumber", "policy", "requestPayment",
        "torrent", "versioning", "versionId", "versions", "website", "uploads", "uploadId", "delete", "lifecycle", "tagging",
        "restore", "storageClass", "notification", "replication", "analytics", "metrics", "inventory", "select", "select-type",
        "object-lock",
    ])

    /// The sub-resources listed in the OBS signature documentation.
    static let obsDocumentedSubresources: Set<String> = responseOverrides.union([
        "CDNNotifyConfiguration", "acl", "attname", "cors", "customdomain", "delete", "deletebucket", "encryption", "inventory",
        "length", "lifecycle", "location", "logging", "metadata", "mirrorBackToSource", "modify", "name", "notification",
        "obscompresspolicy", "partNumber", "policy", "position", "quota", "rename", "replication", "requestPayment", "restore",
        "storageClass", "storagePolicy", "storageinfo", "tagging", "torrent", "truncate", "uploadId", "uploads", "versionId",
        "versioning", "versions", "website", "x-obs-security-token", "object-lock", "retention",
    ])
    /// Those esdk-obs-python adds to the documented ones (it compares names case-insensitively, but sends them in the
    /// case written here or in the documented list).
    static let obsSDKSubresources: Set<String> = [
        "backtosource", "bucketstatus", "policystatus", "policyStatus", "publicaccessblock", "directcoldaccess", "dispolicy", "append",
        "fileinterface", "x-obs-accesslabel", "x-image-save-bucket", "x-image-save-object", "x-image-process",
    ]

    /// The headers starting with one of `prefixes` as `name:value\n` lines: names lower-cased and sorted, values trimmed (inner
    /// spaces kept), repeated headers joined with `,`.
    public static func canonicalizedHeaders(_ headers: [(name: String, value: String)], prefixes: [String]) -> String {
        var grouped: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard prefixes.contains(where: { name.hasPrefix($0) }) else { continue }
            grouped[name, default: []].append(header.value.trimmingSpaces())
        }
        return grouped.keys.sorted().map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
    }

    /// The canonical resource: `/bucket` for a virtual-hosted request, the raw path, then the sub-resources present
    /// in the query sorted by name, each with `=value` (decoded) when the query had an `=`.
    /// - Parameter keepEmptyValues: whether `?acl=` signs as `acl=` (botocore) or as `acl` (other SDKs).
    public static func canonicalizedResource(
        rawPath: String,
        rawQuery: String,
        virtualHostedBucket: String? = nil,
        subresources: Set<String>,
        keepEmptyValues: Bool = true
    ) -> String {
        var resource = (virtualHostedBucket.map { "/" + $0 } ?? "") + (rawPath.isEmpty ? "/" : rawPath)
        let items = rawQuery.split(separator: "&").compactMap { part -> (String, String?)? in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pieces[0])
            guard subresources.contains(name) else { return nil }
            guard pieces.count == 2, keepEmptyValues || !pieces[1].isEmpty else { return (name, nil) }
            return (name, PercentEncoding.decode(pieces[1]))
        }
        if !items.isEmpty {
            // A stable sort on the name alone, as botocore does.
            let sorted = items.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
            resource += "?" + sorted.map { name, value in value.map { "\(name)=\($0)" } ?? name }.joined(separator: "&")
        }
        return resource
    }

    /// The string to sign: verb, Content-MD5, Content-Type, date (or `Expires` in a query), canonical headers and resource.
    public static func stringToSign(
        method: String,
        contentMD5: String,
        contentType: String,
        date: String,
        canonicalizedHeaders: String,
        canonicalizedResource: String
    ) -> String {
        method + "\n" + contentMD5 + "\n" + contentType + "\n" + date + "\n" + canonicalizedHeaders + canonicalizedResource
    }

    /// The string to sign of a request.
    ///
    /// Its canonical headers hold those of both dialects' prefixes, since the server acts on either: a client of one dialect
    /// sends only its own, so for it this is the documented string.
    /// - Parameters:
    ///   - expires: the `Expires` query parameter of a presigned URL, which takes the place of the date.
    ///   - headerPrefixes: the prefixes of the canonical headers; only the dialect's own reproduces what a signer of that
    ///     dialect computes for a request that also carries the other dialect's headers.
    public static func stringToSign(
        _ request: SignableRequest,
        dialect: Dialect = .aws,
        expires: String? = nil,
        keepEmptyValues: Bool = true,
        headerPrefixes: [String] = SignableRequest.actionableHeaderPrefixes
    ) -> String {
        let date = expires ?? (request.header(dialect.dateHeader) != nil ? "" : request.header("date") ?? "")
        return stringToSign(
            method: request.method,
            contentMD5: request.header("content-md5")?.trimmingSpaces() ?? "",
            contentType: request.header("content-type")?.trimmingSpaces() ?? "",
            date: date,
            canonicalizedHeaders: canonicalizedHeaders(request.headers, prefixes: headerPrefixes),
            canonicalizedResource: canonicalizedResource(
                rawPath: request.rawPath,
                rawQuery: request.rawQuery,
                virtualHostedBucket: request.virtualHostedBucket,
                subresources: dialect.subresources,
                keepEmptyValues: keepEmptyValues
            )
        )
    }

    /// The base64 HMAC-SHA1 signature of a string to sign.
    public static func signature(secretKey: String, stringToSign: String) -> String {
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: SymmetricKey(data: Array(secretKey.utf8)))
        return Base64.encode(Array(mac))
    }
}
