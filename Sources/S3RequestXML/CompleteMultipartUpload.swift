/// The body of CompleteMultipartUpload: the parts to assemble, in order; at most 10,000, as S3 allows.
public struct CompleteMultipartUpload: RequestDocument, Codable, Equatable {
    public static let rootElement = "CompleteMultipartUpload"
    /// 10,000 parts with an ETag and a checksum each take about 2 MB.
    public static let limits = XMLLimits(maxBytes: 4 << 20, maxElements: 100_000, repeatedChild: ("Part", 10_000))

    public var parts: [Part] = []

    public init(parts: [Part] = []) {
        self.parts = parts
    }

    public struct Part: Codable, Sendable, Equatable {
        public var partNumber: Int
        /// As the client sent it, usually quoted.
        public var etag: String
        public var checksumCRC32: String?
        public var checksumCRC32C: String?
        public var checksumCRC64NVME: String?
        public var checksumSHA1: String?
        public var checksumSHA256: String?

        public init(
            partNumber: Int,
            etag: String,
            checksumCRC32: String? = nil,
            checksumCRC32C: String? = nil,
            checksumCRC64NVME: String? = nil,
            checksumSHA1: String? = nil,
            checksumSHA256: String? = nil
        ) {
            self.partNumber = partNumber
            self.etag = etag
            self.checksumCRC32 = checksumCRC32
            self.checksumCRC32C = checksumCRC32C
            self.checksumCRC64NVME = checksumCRC64NVME
            self.checksumSHA1 = checksumSHA1
            self.checksumSHA256 = checksumSHA256
        }

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
