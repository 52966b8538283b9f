/// How S3 answers each KMS error: the one table both the S3 front and the labeling layer's local adapter read.
extension KMSError {
    /// The code S3 reports a KMS failure with: the KMS exception behind `KMS.` (`KMS.AccessDeniedException`).
    public var s3Code: String { "KMS." + code.rawValue }

    /// A missing grant or a disabled key is a 403; a bad key reference a 400; a broken key store a 500.
    public var httpStatus: Int {
        switch code {
        case .accessDenied, .disabled: 403
        case .notFound, .validation, .invalidKeyUsage, .alreadyExists: 400
        default: 500
        }
    }

    /// The elements S3 adds after `<Message>`: the key and the principal refused, when known.
    public var s3Details: [(name: String, value: String)] {
        var details: [(name: String, value: String)] = []
        if let keyId { details.append((Self.keyIdDetail, keyId)) }
        if let principal { details.append((Self.principalDetail, principal)) }
        return details
    }

    /// The element naming the key in an S3 error body.
    public static let keyIdDetail = "KMSKeyId"
    /// The element naming the principal refused in an S3 error body.
    public static let principalDetail = "Principal"
}
