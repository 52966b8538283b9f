/// The flexible checksums S3 accepts in `x-amz-checksum-*` headers and trailers.
public enum ChecksumAlgorithm: String, Sendable, CaseIterable, Hashable {
    case crc32 = "CRC32"
    case crc32c = "CRC32C"
    case crc64nvme = "CRC64NVME"
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// Parses an algorithm name case-insensitively (`crc32`, `CRC32C`, ...).
    public init?(name: some StringProtocol) {
        guard let algorithm = Self.allCases.first(where: { $0.rawValue.caseInsensitiveEquals(name) }) else { return nil }
        self = algorithm
    }

    /// The algorithm of a header name such as `x-amz-checksum-crc32`; nil for other headers, `x-amz-checksum-mode` included.
    public init?(headerName: some StringProtocol) {
        let lower = headerName.lowercased()
        guard lower.hasPrefix(Self.headerPrefix) else { return nil }
        self.init(name: lower.dropFirst(Self.headerPrefix.count))
    }

    static let headerPrefix = "x-amz-checksum-"

    /// The header (and trailer) carrying the value: `x-amz-checksum-crc32`.
    public var headerName: String { Self.headerPrefix + self.rawValue.lowercased() }

    /// The element name in XML bodies, `ChecksumCRC32`.
    public var xmlElementName: String { "Checksum" + self.rawValue }

    /// Length of the digest in bytes.
    public var digestLength: Int {
        switch self {
        case .crc32, .crc32c: 4
        case .crc64nvme: 8
        case .sha1: 20
        case .sha256: 32
        }
    }

    /// Whether `value` is base64 of a digest of the right length.
    public func isValid(base64 value: String) -> Bool {
        Base64.decode(value)?.count == self.digestLength
    }
}
