/// The body of CompleteMultipartUpload: the parts to assemble, in order.
struct CompleteMultipartUpload: S3XMLDocument, Codable, Equatable {
    static let rootElement = "CompleteMultipartUpload"

    var parts: [Part] = []

    struct Part: Codable, Sendable, Equatable {
        var partNumber: Int
        /// As the client sent it, usually quoted.
        var etag: String
        var checksumCRC32: String?
        var checksumCRC32C: String?
        var checksumCRC64NVME: String?
        var checksumSHA1: String?
        var checksumSHA256: String?

        enum CodingKeys: String, CodingKey {
            case partNumber = "PartNumber"
            case etag = "ETag"
            case checksumCRC32 = "ChecksumCRC32"
            case checksumCRC32C = "ChecksumCRC32C"
            case checksumCRC64NVME = "ChecksumCRC64NVME"
            case checksumSHA1 = "ChecksumSHA1"
            case checksumSHA256 = "ChecksumSHA256"
        }
    }

    enum CodingKeys: String, CodingKey {
        case parts = "Part"
    }
}
