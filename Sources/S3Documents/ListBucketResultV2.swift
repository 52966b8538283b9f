/// The response of ListObjectsV2; its root element is `ListBucketResult`, as in V1.
public struct ListBucketResultV2: S3Document, Codable, Equatable {
    public static let rootElement = "ListBucketResult"

    public var name: String
    public var prefix: String
    public var maxKeys: Int
    public var keyCount: Int
    public var delimiter: String?
    public var isTruncated: Bool
    public var continuationToken: String?
    public var nextContinuationToken: String?
    public var startAfter: String?
    public var encodingType: String?
    public var contents: [ListedObject]
    public var commonPrefixes: [CommonPrefix]

    public init(
        name: String,
        prefix: String,
        maxKeys: Int,
        keyCount: Int,
        delimiter: String? = nil,
        isTruncated: Bool,
        continuationToken: String? = nil,
        nextContinuationToken: String? = nil,
        startAfter: String? = nil,
        encodingType: String? = nil,
        contents: [ListedObject] = [],
        commonPrefixes: [CommonPrefix] = []
    ) {
        self.name = name
        self.prefix = prefix
        self.maxKeys = maxKeys
        self.keyCount = keyCount
        self.delimiter = delimiter
        self.isTruncated = isTruncated
        self.continuationToken = continuationToken
        self.nextContinuationToken = nextContinuationToken
        self.startAfter = startAfter
        self.encodingType = encodingType
        self.contents = contents
        self.commonPrefixes = commonPrefixes
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case prefix = "Prefix"
        case maxKeys = "MaxKeys"
        case keyCount = "KeyCount"
        case delimiter = "Delimiter"
        case isTruncated = "IsTruncated"
        case continuationToken = "ContinuationToken"
        case nextContinuationToken = "NextContinuationToken"
        case startAfter = "StartAfter"
        case encodingType = "EncodingType"
        case contents = "Contents"
        case commonPrefixes = "CommonPrefixes"
    }

    /// Lenient where servers differ: an empty listing may leave out `Prefix` and `KeyCount`, and `Contents` and
    /// `CommonPrefixes` are absent when there are none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        prefix = try container.decodeIfPresent(String.self, forKey: .prefix) ?? ""
        maxKeys = try container.decodeIfPresent(Int.self, forKey: .maxKeys) ?? 1000
        contents = try container.decodeIfPresent([ListedObject].self, forKey: .contents) ?? []
        commonPrefixes = try container.decodeIfPresent([CommonPrefix].self, forKey: .commonPrefixes) ?? []
        keyCount = try container.decodeIfPresent(Int.self, forKey: .keyCount) ?? contents.count + commonPrefixes.count
        delimiter = try container.decodeIfPresent(String.self, forKey: .delimiter)
        isTruncated = try container.decode(Bool.self, forKey: .isTruncated)
        continuationToken = try container.decodeIfPresent(String.self, forKey: .continuationToken)
        nextContinuationToken = try container.decodeIfPresent(String.self, forKey: .nextContinuationToken)
        startAfter = try container.decodeIfPresent(String.self, forKey: .startAfter)
        encodingType = try container.decodeIfPresent(String.self, forKey: .encodingType)
    }
}
