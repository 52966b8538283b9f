/// A failure of the storage, named by the S3 error code it answered (`NoSuchKey`, `KMS.AccessDeniedException`,
/// `InvalidRequest`, ...), so the labeling layer can say exactly why a sidecar could not be read.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The S3 error code, such as `KMS.AccessDeniedException`, `InvalidRequest` or `NoSuchKey`.
    public var code: String
    public var message: String
    /// The HTTP status the storage answered with, when it was reached over HTTP or would have answered one.
    public var httpStatus: Int?
    /// Extra elements of the S3 error, such as `KMSKeyId`, `Principal`, `Key`, `BucketName`.
    public var details: [String: String]
    /// For `AccessDenied`: why the labeling service was refused, as far as the storage tells.
    public var accessDenial: AccessDenial?

    public init(
        code: String,
        message: String,
        httpStatus: Int? = nil,
        details: [String: String] = [:],
        accessDenial: AccessDenial? = nil
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.details = details
        self.accessDenial = accessDenial
    }

    /// The key id a KMS error names (`details["KMSKeyId"]`).
    public var kmsKeyId: String? { details[Self.kmsKeyIdDetail] }
    /// The principal the storage refused (`details["Principal"]`).
    public var principal: String? { details[Self.principalDetail] }

    public static let kmsKeyIdDetail = "KMSKeyId"
    /// S3's code for a request that authorization refused.
    public static let accessDeniedCode = "AccessDenied"
    public static let principalDetail = "Principal"

    public var description: String { "\(code): \(message)" }
}

extension StorageError {
    /// An object larger than the reader accepts (label files are small; text files have a limit too).
    public static func tooLarge(bucket: String, key: String, maxBytes: Int) -> StorageError {
        StorageError(
            code: "EntityTooLarge",
            message: "The object \(bucket)/\(key) is larger than \(maxBytes) bytes, the most the labeling service reads of it",
            details: ["Key": key]
        )
    }

    /// S3's `AccessDenied` (403), with why.
    public static func accessDenied(_ denial: AccessDenial) -> StorageError {
        StorageError(
            code: accessDeniedCode,
            message: "Access Denied",
            httpStatus: 403,
            details: [principalDetail: denial.principal],
            accessDenial: denial
        )
    }

    /// Why the storage refused `operation` on `bucket`/`key`, when authorization refused it (`AccessDenied`): what the
    /// adapter said, or an unexplained denial. Nil for any other failure (a KMS refusal is `KMS.AccessDeniedException`).
    public func denial(of operation: AccessDenial.Operation, bucket: String, key: String) -> AccessDenial? {
        if let accessDenial { return accessDenial }
        guard code == Self.accessDeniedCode else { return nil }
        return AccessDenial(
            cause: .unspecified,
            operation: operation,
            bucket: bucket,
            key: key,
            principal: principal ?? AccessDenial.labelingService
        )
    }

    /// What went wrong, for a message: `AccessDenied: the labeling service may not write obs://b/k (denied by …)` for
    /// a denial, else `CODE: message`.
    func explanation(of operation: AccessDenial.Operation, bucket: String, key: String) -> String {
        "\(code): " + (denial(of: operation, bucket: bucket, key: key)?.description ?? message)
    }

    /// `error` as the storage error it is, or an `InternalError` describing it.
    static func wrapping(_ error: any Error) -> StorageError {
        error as? StorageError ?? StorageError(code: "InternalError", message: String(describing: error))
    }
}
