/// ListObjectVersions.
public struct VersionListQuery: Sendable, Hashable {
    public var prefix: String
    public var delimiter: String?
    public var keyMarker: String?
    public var versionIdMarker: String?
    public var maxKeys: Int

    public init(
        prefix: String = "",
        delimiter: String? = nil,
        keyMarker: String? = nil,
        versionIdMarker: String? = nil,
        maxKeys: Int = 1000
    ) {
        self.prefix = prefix
        self.delimiter = delimiter
        self.keyMarker = keyMarker
        self.versionIdMarker = versionIdMarker
        self.maxKeys = maxKeys
    }
}

public struct VersionListPage: Sendable, Hashable {
    /// Delete markers included; the versions of a key newest first.
    public var versions: [ObjectVersion]
    public var commonPrefixes: [String]
    public var isTruncated: Bool
    public var nextKeyMarker: String?
    public var nextVersionIdMarker: String?

    init(versions: [ObjectVersion], commonPrefixes: [String], isTruncated: Bool) {
        self.versions = versions
        self.commonPrefixes = commonPrefixes
        self.isTruncated = isTruncated
    }
}
