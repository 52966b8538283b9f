import HTTPTypes
import KeyManagement
import ObjectStore

/// Server-side encryption as S3 requests and responses carry it (the OBS dialect is already translated to these):
/// `x-amz-server-side-encryption` (+ KMS key id) for SSE-S3 and SSE-KMS, `x-amz-server-side-encryption-customer-*`
/// for SSE-C, and their `x-amz-copy-source-…` twins for the source of a copy.
enum ServerSideEncryption {
    static let algorithm = HTTPField.Name("x-amz-server-side-encryption")!
    static let kmsKeyId = HTTPField.Name("x-amz-server-side-encryption-aws-kms-key-id")!
    static let customerAlgorithm = HTTPField.Name("x-amz-server-side-encryption-customer-algorithm")!
    static let customerKeyMD5 = HTTPField.Name("x-amz-server-side-encryption-customer-key-md5")!
    static let customerPrefix = "x-amz-server-side-encryption-customer-"
    static let copySourceCustomerPrefix = "x-amz-copy-source-server-side-encryption-customer-"

    /// The encryption a write asks for, or the bucket's default when the request names none.
    static func requested(by headers: HTTPFields, bucketDefault: BucketEncryption?) throws -> EncryptionRequest? {
        let algorithm = headers[Self.algorithm]
        let keyId = headers[Self.kmsKeyId]
        let customerKey = try customerKey(in: headers, prefix: customerPrefix)
        if let customerKey {
            guard algorithm == nil else {
                throw S3Error.invalidArgument(
                    "Server Side Encryption with Customer provided key is incompatible with the encryption method specified",
                    name: Self.algorithm.rawName,
                    value: algorithm
                )
            }
            return .sseC(customerKey)
        }
        switch algorithm {
        case nil:
            guard keyId == nil else {
                throw S3Error.invalidArgument(
                    "Specifying a KMS key id requires x-amz-server-side-encryption: aws:kms",
                    name: Self.kmsKeyId.rawName,
                    value: keyId
                )
            }
            return bucketDefault.map(request(for:))
        case "AES256":
            guard keyId == nil else {
                throw S3Error.invalidArgument("A KMS key id is only valid with aws:kms", name: Self.kmsKeyId.rawName, value: keyId)
            }
            return .sseS3
        case "aws:kms":
            return .sseKMS(keyIdOrAlias: keyId ?? KeyManagementService.defaultKeyAlias)
        case let other?:
            throw S3Error.invalidArgument(
                "The encryption method specified is not supported",
                name: Self.algorithm.rawName,
                value: other
            )
        }
    }

    static func request(for bucketDefault: BucketEncryption) -> EncryptionRequest {
        switch bucketDefault.algorithm {
        case .aes256: .sseS3
        case .kms: .sseKMS(keyIdOrAlias: bucketDefault.kmsKeyId ?? KeyManagementService.defaultKeyAlias)
        }
    }

    /// The SSE-C key of a request (`prefix` chooses the object's or the copy source's headers), checked against its MD5.
    static func customerKey(in headers: HTTPFields, prefix: String) throws -> CustomerKey? {
        let algorithm = HTTPField.Name(prefix + "algorithm").flatMap { headers[$0] }
        let key = HTTPField.Name(prefix + "key").flatMap { headers[$0] }
        let keyMD5 = HTTPField.Name(prefix + "key-md5").flatMap { headers[$0] }
        if algorithm == nil && key == nil && keyMD5 == nil { return nil }
        guard let algorithm else {
            throw S3Error.invalidArgument(
                "Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.",
                name: prefix + "algorithm"
            )
        }
        guard algorithm == "AES256" else {
            throw S3Error.invalidArgument("The encryption algorithm specified is not valid.", name: prefix + "algorithm", value: algorithm)
        }
        guard let key else {
            throw S3Error.invalidArgument(
                "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.",
                name: prefix + "key"
            )
        }
        guard let keyMD5 else {
            throw S3Error.invalidArgument(
                "Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.",
                name: prefix + "key-MD5"
            )
        }
        return try CustomerKey(base64Key: key, base64KeyMD5: keyMD5)
    }

    /// GET and HEAD take no `x-amz-server-side-encryption` headers (only SSE-C's): S3 refuses them whatever the object is.
    static func refuseOnRead(_ headers: HTTPFields) throws {
        for name in [algorithm, kmsKeyId] where headers[name] != nil {
            throw S3Error.invalidArgument("\(name.rawName) header is not supported for this operation.", name: name.rawName, value: headers[name])
        }
    }

    /// The headers describing how an object version is encrypted, on PUT, GET, HEAD, copy and multipart responses.
    static func responseHeaders(for envelope: EncryptionEnvelope?, kms: KeyManagementService) -> HTTPFields {
        var fields = HTTPFields()
        switch envelope?.mode {
        case nil:
            break
        case .sseS3:
            fields[algorithm] = "AES256"
        case .sseKMS(let keyId):
            fields[algorithm] = "aws:kms"
            fields[kmsKeyId] = kms.arn(forKeyId: keyId)
        case .sseC(let keyMD5):
            fields[customerAlgorithm] = "AES256"
            fields[customerKeyMD5] = keyMD5
        }
        return fields
    }
}

extension HTTPFields {
    /// Adds every field of `other`, replacing fields of the same name.
    mutating func merge(_ other: HTTPFields) {
        for field in other { self[field.name] = field.value }
    }
}
