/// How S3 answers each encryption error: the one table both the S3 front and the labeling layer's local adapter read.
extension EncryptionError {
    /// Customer-key mistakes keep S3's codes; damage to what is stored is an `InternalError`.
    public var s3Code: String {
        switch code {
        case .invalidCustomerKey, .customerKeyMD5Mismatch: "InvalidArgument"
        // Another customer key than the object's is a bad request (400) on S3, as ceph s3-tests check.
        case .customerKeyRequired, .customerKeyNotApplicable, .customerKeyMismatch: "InvalidRequest"
        default: "InternalError"
        }
    }

    public var httpStatus: Int {
        switch code {
        case .invalidCustomerKey, .customerKeyMD5Mismatch, .customerKeyRequired, .customerKeyNotApplicable, .customerKeyMismatch: 400
        default: 500
        }
    }

    /// The message S3 sends: the error's own, said more plainly for an integrity failure.
    public var s3Message: String {
        code == .integrityFailure ? "The stored object failed its integrity check: \(message)" : message
    }
}
