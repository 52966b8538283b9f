/// ListObjects (v1 and v2): the server maps marker / continuation token / start-after to `after`.
public struct ListQuery: Sendable, Hashable {
    public var prefix: String
    public var delimiter: String?
    /// Exclusive: list keys greater than this; when it is a CommonPrefix, continue after everything under it.
    public var after: String?
    /// Objects and common prefixes together, as S3 counts them.
    public var maxKeys: Int

    public init(prefix: String = "", delimiter: String? = nil, after: String? = nil, maxKeys: Int = 1000) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.after = after
        self.maxKeys = maxKeys
    }
}

public struct ListPage: Sendable, Hashable {
    public var objects: [ObjectVersion]
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    /// The last key or common prefix on the page, in order: the server's NextMarker / continuation token.
    public var lastReturned: String?
}
