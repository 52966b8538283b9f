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
                error.s3Code,
                status: HTTPResponse.Status(code: error.httpStatus),
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
            // KMS failures keep their KMS code, as S3 reports them (`KMS.DisabledException`…), naming key and principal.
            self.init(
                error.s3Code,
                status: HTTPResponse.Status(code: error.httpStatus),
                message: error.message,
                resource: resource,
                details: error.s3Details
            )
        case let error as EncryptionError:
            self.init(error.s3Code, status: HTTPResponse.Status(code: error.httpStatus), message: error.s3Message, resource: resource)
        case is MalformedXMLError:
            self = .malformedXML()
            self.resource = resource
        default:
            if let full = StoreError.insufficientStorage(from: error) {
                self.init(full, resource: resource)
            } else {
                self = .internalError
                self.resource = resource
            }
        }
    }

    /// S3 names the missing bucket or key in `<BucketName>` / `<Key>`; SDKs and tests read them.
    mutating func addAddressingDetails(bucket: String?, key: String?) {
        if code == "NoSuchBucket", let bucket { details.append(("BucketName", bucket)) }
        if code == "NoSuchKey", let key { details.append(("Key", key)) }
    }
}

extension HTTPField.Name {
    static let amzDeleteMarker = HTTPField.Name("x-amz-delete-marker")!
    static let amzVersionId = HTTPField.Name("x-amz-version-id")!
}
