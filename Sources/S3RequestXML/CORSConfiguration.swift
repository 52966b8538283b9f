/// The body of PutBucketCors and the answer of GetBucketCors: up to 100 `CORSRule`s, as S3 allows.
public struct CORSConfiguration: RequestDocument, Codable, Equatable {
    public static let rootElement = "CORSConfiguration"
    /// S3 takes a configuration of at most 64 KB and 100 rules.
    public static let limits = XMLLimits(maxBytes: 64 << 10, maxElements: 10_000, repeatedChild: ("CORSRule", maxRules))
    public static let maxRules = 100

    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
    }

    public struct Rule: Codable, Sendable, Equatable {
        public var id: String?
        public var allowedOrigins: [String]
        public var allowedMethods: [String]
        public var allowedHeaders: [String]
        public var exposeHeaders: [String]
        public var maxAgeSeconds: Int?

        public init(
            id: String? = nil,
            allowedOrigins: [String],
            allowedMethods: [String],
            allowedHeaders: [String] = [],
            exposeHeaders: [String] = [],
            maxAgeSeconds: Int? = nil
        ) {
            self.id = id
            self.allowedOrigins = allowedOrigins
            self.allowedMethods = allowedMethods
            self.allowedHeaders = allowedHeaders
            self.exposeHeaders = exposeHeaders
            self.maxAgeSeconds = maxAgeSeconds
        }

        /// Every list may be absent; the S3 layer checks that origins and methods are not.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            allowedOrigins = try container.decodeIfPresent([String].self, forKey: .allowedOrigins) ?? []
            allowedMethods = try container.decodeIfPresent([String].self, forKey: .allowedMethods) ?? []
            allowedHeaders = try container.decodeIfPresent([String].self, forKey: .allowedHeaders) ?? []
            exposeHeaders = try container.decodeIfPresent([String].self, forKey: .exposeHeaders) ?? []
            maxAgeSeconds = try container.decodeIfPresent(Int.self, forKey: .maxAgeSeconds)
        }

        enum CodingKeys: String, CodingKey {
            case id = "ID"
            case allowedOrigins = "AllowedOrigin"
            case allowedMethods = "AllowedMethod"
            case allowedHeaders = "AllowedHeader"
            case exposeHeaders = "ExposeHeader"
            case maxAgeSeconds = "MaxAgeSeconds"
        }
    }

    enum CodingKeys: String, CodingKey {
        case rules = "CORSRule"
    }
}
