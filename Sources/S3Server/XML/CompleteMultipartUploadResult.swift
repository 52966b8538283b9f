/// The response of CompleteMultipartUpload.
struct CompleteMultipartUploadResult: S3XMLDocument, Codable, Equatable {
    static let rootElement = "CompleteMultipartUploadResult"

    var location: String
    var bucket: String
    var key: String
    /// Already quoted, e.g. `"…-3"`.
    var etag: String
    /// Base64 checksums of the whole object, as in the `x-amz-checksum-*` headers.
    var checksumCRC32: String?
    var checksumCRC32C: String?
    var checksumCRC64NVME: String?
    var checksumSHA1: String?
    var checksumSHA256: String?
    /// `COMPOSITE` or `FULL_OBJECT`.
    var checksumType: String?

    enum CodingKeys: String, CodingKey {
        case location = "Location"
        case bucket = "Bucket"
        case key = "Key"
        case etag = "ETag"
        case checksumCRC32 = "ChecksumCRC32"
        case checksumCRC32C = "ChecksumCRC32C"
        case checksumCRC64NVME = "ChecksumCRC64NVME"
        case checksumSHA1 = "ChecksumSHA1"
        case checksumSHA256 = "ChecksumSHA256"
        case checksumType = "ChecksumType"
    }
}
