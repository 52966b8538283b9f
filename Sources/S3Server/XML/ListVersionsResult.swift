import Foundation

/// The response of ListObjectVersions (`GET /bucket?versions`).
struct ListVersionsResult: S3XMLDocument, Equatable {
    static let rootElement = "ListVersionsResult"

    var name: String
    var prefix: String
    var keyMarker: String
    var versionIdMarker: String
    var nextKeyMarker: String?
    var nextVersionIdMarker: String?
    var maxKeys: Int
    var delimiter: String?
    var isTruncated: Bool
    var encodingType: String?
    /// Versions and delete markers in key then version order, emitted in this order.
    var entries: [Entry] = []
    var commonPrefixes: [CommonPrefix] = []

    enum Entry: Sendable, Equatable {
        case version(Version)
        case deleteMarker(DeleteMarker)
    }

    struct Version: Encodable, Sendable, Equatable {
        var key: String
        var versionId: String
        var isLatest: Bool
        var lastModified: Date
        /// Already quoted.
        var etag: String
        var size: Int64
        var storageClass: String = "STANDARD"
        var owner: Owner

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case versionId = "VersionId"
            case isLatest = "IsLatest"
            case lastModified = "LastModified"
            case etag = "ETag"
            case size = "Size"
            case storageClass = "StorageClass"
            case owner = "Owner"
        }
    }

    struct DeleteMarker: Encodable, Sendable, Equatable {
        var key: String
        var versionId: String
        var isLatest: Bool
        var lastModified: Date
        var owner: Owner

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case versionId = "VersionId"
            case isLatest = "IsLatest"
            case lastModified = "LastModified"
            case owner = "Owner"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name = "Name"
        case prefix = "Prefix"
        case keyMarker = "KeyMarker"
        case versionIdMarker = "VersionIdMarker"
        case nextKeyMarker = "NextKeyMarker"
        case nextVersionIdMarker = "NextVersionIdMarker"
        case maxKeys = "MaxKeys"
        case delimiter = "Delimiter"
        case isTruncated = "IsTruncated"
        case encodingType = "EncodingType"
        case version = "Version"
        case deleteMarker = "DeleteMarker"
        case commonPrefixes = "CommonPrefixes"
    }

    /// Written by hand so that `Version` and `DeleteMarker` elements interleave in `entries` order;
    /// XMLCoder keeps repeated keys of a keyed container in the order they were encoded.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(keyMarker, forKey: .keyMarker)
        try container.encode(versionIdMarker, forKey: .versionIdMarker)
        try container.encodeIfPresent(nextKeyMarker, forKey: .nextKeyMarker)
        try container.encodeIfPresent(nextVersionIdMarker, forKey: .nextVersionIdMarker)
        try container.encode(maxKeys, forKey: .maxKeys)
        try container.encodeIfPresent(delimiter, forKey: .delimiter)
        try container.encode(isTruncated, forKey: .isTruncated)
        try container.encodeIfPresent(encodingType, forKey: .encodingType)
        for entry in entries {
            switch entry {
            case .version(let version): try container.encode(version, forKey: .version)
            case .deleteMarker(let marker): try container.encode(marker, forKey: .deleteMarker)
            }
        }
        try container.encode(commonPrefixes, forKey: .commonPrefixes)
    }
}
