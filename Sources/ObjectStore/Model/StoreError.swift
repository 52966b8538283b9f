/// An error of the storage engine, named after the S3 error code that the server answers with.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// An S3 error code; `rawValue` is the string S3 puts in `<Code>` (`.noSuchKey.rawValue == "NoSuchKey"`).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case noSuchBucket = "NoSuchBucket"
            case bucketAlreadyOwnedByYou = "BucketAlreadyOwnedByYou"
            case bucketAlreadyExists = "BucketAlreadyExists"
            case invalidBucketName = "InvalidBucketName"
            case bucketNotEmpty = "BucketNotEmpty"
            case noSuchKey = "NoSuchKey"
            case noSuchVersion = "NoSuchVersion"
            case methodNotAllowed = "MethodNotAllowed"
            case noSuchUpload = "NoSuchUpload"
            case invalidPart = "InvalidPart"
            case invalidPartOrder = "InvalidPartOrder"
            case entityTooSmall = "EntityTooSmall"
            case keyTooLongError = "KeyTooLongError"
            case invalidArgument = "InvalidArgument"
            case malformedXML = "MalformedXML"
            case userAlreadyExists = "UserAlreadyExists"
            case preconditionFailed = "PreconditionFailed"
            case insufficientStorage = "InsufficientStorageSpace"
            case accessDenied = "AccessDenied"
            case invalidRequest = "InvalidRequest"
            case invalidBucketState = "InvalidBucketState"
            case objectNotAppendable = "ObjectNotAppendable"
            case positionNotEqualToLength = "PositionNotEqualToLength"
            case invalidObjectState = "InvalidObjectState"
            case restoreAlreadyInProgress = "RestoreAlreadyInProgress"
            case objectHasAlreadyRestored = "ObjectHasAlreadyRestored"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public var rawValue: String { value.rawValue }
        public var description: String { value.rawValue }

        public static let noSuchBucket = Code(.noSuchBucket)
        public static let bucketAlreadyOwnedByYou = Code(.bucketAlreadyOwnedByYou)
        public static let bucketAlreadyExists = Code(.bucketAlreadyExists)
        public static let invalidBucketName = Code(.invalidBucketName)
        public static let bucketNotEmpty = Code(.bucketNotEmpty)
        public static let noSuchKey = Code(.noSuchKey)
        public static let noSuchVersion = Code(.noSuchVersion)
        public static let methodNotAllowed = Code(.methodNotAllowed)
        public static let noSuchUpload = Code(.noSuchUpload)
        public static let invalidPart = Code(.invalidPart)
        public static let invalidPartOrder = Code(.invalidPartOrder)
        public static let entityTooSmall = Code(.entityTooSmall)
        public static let keyTooLongError = Code(.keyTooLongError)
        public static let invalidArgument = Code(.invalidArgument)
        public static let malformedXML = Code(.malformedXML)
        public static let userAlreadyExists = Code(.userAlreadyExists)
        public static let preconditionFailed = Code(.preconditionFailed)
        /// The data root's file system is full: OBS's name for running out of space (see `StoreError+DiskFull`).
        public static let insufficientStorage = Code(.insufficientStorage)
        /// Object Lock protects the version (the store's only refusal that is about the data, not the caller).
        public static let accessDenied = Code(.accessDenied)
        public static let invalidRequest = Code(.invalidRequest)
        /// The bucket's state forbids the change (versioning of a bucket with Object Lock, lock without versioning).
        public static let invalidBucketState = Code(.invalidBucketState)
        /// OBS: an append to an object not made by append upload.
        public static let objectNotAppendable = Code(.objectNotAppendable)
        /// OBS: an append whose position is not the object's length.
        public static let positionNotEqualToLength = Code(.positionNotEqualToLength)
        /// A cold object that is not restored (or not cold, for a restore).
        public static let invalidObjectState = Code(.invalidObjectState)
        public static let restoreAlreadyInProgress = Code(.restoreAlreadyInProgress)
        /// OBS: a restore that would shorten the restored copy's life.
        public static let objectHasAlreadyRestored = Code(.objectHasAlreadyRestored)
    }

    public let code: Code
    public let message: String
    /// The bucket, or `bucket/key`, the error is about.
    public let resource: String?
    /// Set when a delete marker is the reason for NoSuchKey or MethodNotAllowed (S3 returns it as `x-amz-version-id`).
    public let deleteMarkerVersionId: String?

    public init(_ code: Code, _ message: String, resource: String?, deleteMarkerVersionId: String? = nil) {
        self.code = code
        self.message = message
        self.resource = resource
        self.deleteMarkerVersionId = deleteMarkerVersionId
    }

    public var description: String { "\(code.rawValue): \(message)" + (resource.map { " (\($0))" } ?? "") }
}

extension StoreError {
    static func noSuchBucket(_ bucket: String) -> StoreError {
        StoreError(.noSuchBucket, "The specified bucket does not exist", resource: bucket)
    }

    static func noSuchUpload(_ bucket: String, _ key: String, _ uploadId: String) -> StoreError {
        StoreError(
            .noSuchUpload,
            "The specified multipart upload does not exist. The upload ID might be invalid, or the upload might have been aborted or completed",
            resource: "\(bucket)/\(key)"
        )
    }

    /// Keys are limited to 1024 bytes of UTF-8, as in S3, and hold no NUL.
    static func checkKey(_ key: String, bucket: String) throws {
        if key.utf8.count > 1024 {
            throw StoreError(.keyTooLongError, "Your key is too long", resource: "\(bucket)/\(key.prefix(64))…")
        }
        if key.isEmpty {
            throw StoreError(.invalidArgument, "An object key must not be empty", resource: bucket)
        }
        // SQLite reads bound text up to its first NUL: `a\0x` would be stored, found and deleted as `a`.
        if key.utf8.contains(0) {
            throw StoreError(.invalidArgument, "Object keys cannot contain the NUL character (U+0000)", resource: bucket)
        }
    }
}
