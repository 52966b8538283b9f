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
    func incoming(_ head: HTTPRequest) -> HTTPRequest {
        guard self == .obs else { return head }
        var head = head
        head.headerFields = HTTPFields(head.headerFields.map { Self.translate($0, from: .obs, to: .s3) })
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
        let request = Request(head: dialect.incoming(head), body: body)
        return try S3Request(request: request, virtualHostDomains: virtualHostDomains, requestId: requestId, isTLS: isTLS)
    }
}

extension HTTPField.Name {
    static let obsAPI = HTTPField.Name("x-obs-api")!
    static let obsVersion = HTTPField.Name("x-obs-version")!
    static let obsStorageClass = HTTPField.Name("x-obs-storage-class")!
}
