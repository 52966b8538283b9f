import HTTPTypes
import KeyManagement
import ObjectStore
import S3Protocol

extension S3Error {
    /// Converts any failure into the S3 error a client should see; unknown failures become InternalError.
    init(_ error: any Error, resource: String) {
        switch error {
        case var error as S3Error:
            if error.resource == nil { error.resource = resource }
            self = error
        case let error as StoreError:
            var headers: HTTPFields = [:]
            if let markerId = error.deleteMarkerVersionId {
                headers[values: .amzDeleteMarker] = ["true"]
                headers[values: .amzVersionId] = [markerId]
            }
            self.init(
                error.code.rawValue,
                status: Self.status(forStoreCode: error.code),
                message: error.message,
                resource: resource,
                headers: headers
            )
        case let error as S3ProtocolError:
            self.init(
                error.code.rawValue,
                status: HTTPResponse.Status(code: error.code.httpStatus),
                message: error.message,
                resource: resource,
                details: error.details
            )
        case let error as KMSError:
            self = Self.kms(error)
            self.resource = resource
        case let error as EncryptionError:
            self = Self.encryption(error)
            self.resource = resource
        case is MalformedXMLError:
            self = .malformedXML()
            self.resource = resource
        default:
            self = .internalError
            self.resource = resource
        }
    }

    /// S3 names the missing bucket or key in `<BucketName>` / `<Key>`; SDKs and tests read them.
    mutating func addAddressingDetails(bucket: String?, key: String?) {
        if code == "NoSuchBucket", let bucket { details.append(("BucketName", bucket)) }
        if code == "NoSuchKey", let key { details.append(("Key", key)) }
    }

    /// KMS failures keep their KMS code, as S3 reports them (`KMS.DisabledException`…); a missing grant or a
    /// disabled key is a 403 whose message names the key and the principal.
    private static func kms(_ error: KMSError) -> S3Error {
        let status: HTTPResponse.Status =
            switch error.code {
            case .accessDenied, .disabled: .forbidden
            case .notFound, .validation, .invalidKeyUsage, .alreadyExists: .badRequest
            default: .internalServerError
            }
        var details: [(name: String, value: String)] = []
        if let keyId = error.keyId { details.append(("KMSKeyId", keyId)) }
        if let principal = error.principal { details.append(("Principal", principal)) }
        return S3Error("KMS." + error.code.rawValue, status: status, message: error.message, details: details)
    }

    private static func encryption(_ error: EncryptionError) -> S3Error {
        switch error.code {
        case .invalidCustomerKey, .customerKeyMD5Mismatch: .invalidArgument(error.message)
        case .customerKeyRequired, .customerKeyNotApplicable: .invalidRequest(error.message)
        case .customerKeyMismatch: .accessDenied(error.message)
        case .integrityFailure:
            S3Error("InternalError", status: .internalServerError, message: "The stored object failed its integrity check: \(error.message)")
        default: S3Error("InternalError", status: .internalServerError, message: error.message)
        }
    }

    private static func status(forStoreCode code: StoreError.Code) -> HTTPResponse.Status {
        switch code {
        case .noSuchBucket, .noSuchKey, .noSuchVersion, .noSuchUpload: .notFound
        case .bucketAlreadyOwnedByYou, .bucketAlreadyExists, .bucketNotEmpty: .conflict
        case .methodNotAllowed: .methodNotAllowed
        case .preconditionFailed: .preconditionFailed
        default: .badRequest
        }
    }
}

extension HTTPField.Name {
    static let amzDeleteMarker = HTTPField.Name("x-amz-delete-marker")!
    static let amzVersionId = HTTPField.Name("x-amz-version-id")!
}
