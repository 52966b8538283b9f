import HTTPTypes
import Hummingbird

/// Header translation: OBS names and values in, their S3 twins for the handlers; S3 names out, the request's dialect on the wire.
extension Dialect {
    /// Headers whose names differ by more than the prefix.
    private static let obsToS3Names: [String: String] = [
        "x-obs-server-side-encryption-kms-key-id": "x-amz-server-side-encryption-aws-kms-key-id",
        "x-obs-bucket-location": "x-amz-bucket-region",
    ]
    private static let s3ToOBSNames = Dictionary(uniqueKeysWithValues: obsToS3Names.map { ($1, $0) })
    /// The header whose value names the encryption algorithm, `kms` in OBS where S3 says `aws:kms`.
    private static let algorithmSuffix = "server-side-encryption"
    /// The header whose value names a storage class, `WARM`/`COLD` in OBS where S3 says `STANDARD_IA`/`GLACIER`.
    private static let storageClassSuffix = "storage-class"

    /// The request head as handlers see it: in the OBS dialect every `x-obs-*` header becomes its `x-amz-*` twin.
    /// - Throws: `InvalidArgument` when the request names one thing in both dialects (`x-amz-acl` and `x-obs-acl`): which one
    ///   would win is anyone's guess, so neither does.
    func incoming(_ head: HTTPRequest) throws(S3Error) -> HTTPRequest {
        guard self == .obs else { return head }
        var head = head
        var sources: [String: String] = [:]
        var translated: [HTTPField] = []
        for field in head.headerFields {
            let twin = Self.translate(field, from: .obs, to: .s3)
            let (name, source) = (twin.name.canonicalName, field.name.canonicalName)
            if let other = sources[name], other != source {
                throw S3Error.invalidArgument(
                    "The request names one header in both dialects, \(min(other, source)) and \(max(other, source)); send only one.",
                    name: source,
                    value: field.value
                )
            }
            sources[name] = source
            translated.append(twin)
        }
        head.headerFields = HTTPFields(translated)
        return head
    }

    /// Response headers in this dialect: in OBS every `x-amz-*` header becomes its `x-obs-*` twin.
    func outgoing(_ headers: HTTPFields) -> HTTPFields {
        guard self == .obs else { return headers }
        return HTTPFields(headers.map { Self.translate($0, from: .s3, to: .obs) })
    }

    /// Puts the response into this dialect; in OBS, HEAD of a bucket also answers what getBucketMetadata reads.
    func present(_ response: inout Response, for request: S3Request?) {
        guard self == .obs else { return }
        response.headers = outgoing(response.headers)
        if let request, request.method == .head, request.bucket != nil, request.key == nil, response.status == .ok {
            // obslab has no per-bucket default storage class: every bucket is STANDARD, as OBS creates them by default.
            if response.headers[.obsStorageClass] == nil { response.headers[.obsStorageClass] = "STANDARD" }
            response.headers[.obsVersion] = Self.obsAPIVersion
        }
    }

    /// The OBS API version obslab speaks, announced by protocol negotiation.
    static let obsAPIVersion = "3.0"

    /// The S3 spelling of an encryption algorithm named in the OBS dialect (`kms` is `aws:kms`).
    static func s3Algorithm(_ value: String) -> String { value == "kms" ? "aws:kms" : value }

    /// The OBS spelling of an encryption algorithm named in the S3 dialect (`aws:kms` is `kms`).
    static func obsAlgorithm(_ value: String) -> String { value == "aws:kms" ? "kms" : value }

    /// One header moved from one dialect's prefix to the other's; headers of neither dialect stay as they are.
    private static func translate(_ field: HTTPField, from source: Dialect, to target: Dialect) -> HTTPField {
        let name = field.name.canonicalName
        guard name.hasPrefix(source.headerPrefix) else { return field }
        let renamed = source == .obs ? obsToS3Names[name] : s3ToOBSNames[name]
        let suffix = name.dropFirst(source.headerPrefix.count)
        guard let newName = HTTPField.Name(renamed ?? target.headerPrefix + suffix) else { return field }
        var value = field.value
        if suffix == algorithmSuffix {
            value = target == .s3 ? s3Algorithm(value) : obsAlgorithm(value)
        } else if suffix == storageClassSuffix {
            value = target == .s3 ? StorageClass.s3Name(fromOBS: value) : StorageClass.obsName(fromS3: value)
        }
        return HTTPField(name: newName, value: value)
    }
}

extension S3Request {
    /// The request as handlers see it, its headers in S3's dialect; authentication uses the request as received.
    func translated(from dialect: Dialect, virtualHostDomains: [String]) throws(S3Error) -> S3Request {
        guard dialect != .s3 else { return self }
        let request = Request(head: try dialect.incoming(head), body: body)
        return try S3Request(request: request, virtualHostDomains: virtualHostDomains, requestId: requestId, isTLS: isTLS)
    }
}

extension HTTPField.Name {
    static let obsAPI = HTTPField.Name("x-obs-api")!
    static let obsVersion = HTTPField.Name("x-obs-version")!
    static let obsStorageClass = HTTPField.Name("x-obs-storage-class")!
}
