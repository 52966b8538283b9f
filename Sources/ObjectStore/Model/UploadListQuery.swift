/// ListMultipartUploads.
public struct UploadListQuery: Sendable, Hashable {
    public var prefix: String
    public var delimiter: String?
    public var keyMarker: String?
    public var uploadIdMarker: String?
    public var maxUploads: Int

    public init(
        prefix: String = "",
        delimiter: String? = nil,
        keyMarker: String? = nil,
        uploadIdMarker: String? = nil,
        maxUploads: Int = 1000
    ) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.keyMarker = keyMarker
        self.uploadIdMarker = uploadIdMarker
        self.maxUploads = maxUploads
    }
}

public struct UploadListPage: Sendable, Hashable {
    public var uploads: [MultipartUpload]
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    public var nextKeyMarker: String?
    public var nextUploadIdMarker: String?

    init(uploads: [MultipartUpload], commonPrefixes: [String], isTruncated: Bool) {
        self.uploads = uploads
        self.commonPrefixes = commonPrefixes
        self.isTruncated = isTruncated
    }
}
