/// How S3 answers each storage error: the one table both the S3 front and the labeling layer's local adapter read,
/// so a failure looks the same whether it is met over HTTP or in process.
extension StoreError {
    /// The S3 error code, as S3 puts it in `<Code>` (`NoSuchKey`).
    public var s3Code: String { code.rawValue }

    /// The HTTP status S3 answers with.
    public var httpStatus: Int {
        switch code {
        case .noSuchBucket, .noSuchKey, .noSuchVersion, .noSuchUpload: 404
        case .bucketAlreadyOwnedByYou, .bucketAlreadyExists, .bucketNotEmpty, .invalidBucketState, .objectNotAppendable,
            .positionNotEqualToLength, .restoreAlreadyInProgress, .objectHasAlreadyRestored:
            409
        case .accessDenied, .invalidObjectState: 403
        case .methodNotAllowed: 405
        case .preconditionFailed: 412
        // 507 Insufficient Storage: the server, not the request, lacks space (OBS answers its quota error with 403).
        case .insufficientStorage: 507
        default: 400
        }
    }
}
