/// The body of PutObjectTagging and PutBucketTagging, and the answer of their GETs: `Tagging/TagSet/Tag{Key,Value}`.
public struct Tagging: RequestDocument, Codable, Equatable {
    public static let rootElement = "Tagging"

    public var tagSet: TagSet

    public init(tags: [Tag]) {
        self.tagSet = TagSet(tags: tags)
    }

    public struct TagSet: Codable, Sendable, Equatable {
        public var tags: [Tag]

        public init(tags: [Tag]) {
            self.tags = tags
        }

        /// An empty `<TagSet/>` is a set of no tags.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            tags = try container.decodeIfPresent([Tag].self, forKey: .tags) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case tags = "Tag"
        }
    }

    public struct Tag: Codable, Sendable, Equatable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }

        /// `<Value/>` is an empty value, which S3 allows.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
        }

        enum CodingKeys: String, CodingKey {
            case key = "Key"
            case value = "Value"
        }
    }

    enum CodingKeys: String, CodingKey {
        case tagSet = "TagSet"
    }
}
