/// The parts of an HTTP request that S3 signatures cover, exactly as they came off the wire.
public struct SignableRequest: Sendable {
    public var method: String
    /// The path as on the wire, still percent-encoded (`/bucket/a%20b`).
    public var rawPath: String
    /// The query as on the wire, without the leading `?`; may be empty.
    public var rawQuery: String
    /// Headers as received; names compare case-insensitively.
    public var headers: [(name: String, value: String)]
    /// The bucket named by the Host header in a virtual-hosted-style request, which SigV2 puts in front of the path.
    public var virtualHostedBucket: String?

    public init(
        method: String,
        rawPath: String,
        rawQuery: String = "",
        headers: [(name: String, value: String)],
        virtualHostedBucket: String? = nil
    ) {
        self.method = method
        self.rawPath = rawPath
        self.rawQuery = rawQuery
        self.headers = headers
        self.virtualHostedBucket = virtualHostedBucket
    }

    /// All values of a header, in the order received.
    public func headerValues(_ name: String) -> [String] {
        self.headers.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? {
        self.headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The prefixes of the headers the server acts on besides the standard HTTP ones: S3's and OBS's, since a request in
    /// the OBS dialect has its `x-obs-*` headers read as their `x-amz-*` twins. A signature must cover every such header.
    public static let actionableHeaderPrefixes = ["x-amz-", "x-obs-"]

    /// Whether the server may act on a header of this lower-case name, so that a signature must cover it.
    static func isActionable(_ lowercasedName: String) -> Bool {
        actionableHeaderPrefixes.contains { lowercasedName.hasPrefix($0) }
    }

    /// The query parsed into percent-decoded name/value pairs, in wire order.
    public var queryItems: [QueryItem] { QueryItem.parse(self.rawQuery) }
}

extension StringProtocol {
    func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        self.utf8.count == other.utf8.count
            && zip(self.utf8, other.utf8).allSatisfy { asciiLower($0) == asciiLower($1) }
    }
}

@inline(__always)
func asciiLower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = self.firstIndex(where: { !isSpace($0) }), let last = self.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
