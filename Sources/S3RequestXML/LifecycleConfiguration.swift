/// The body of PutBucketLifecycleConfiguration and the answer of its GET: up to 1000 rules, each with a filter (or
/// OBS's and S3's older rule-level `Prefix`) and its actions.
public struct LifecycleConfiguration: RequestDocument, Codable, Equatable {
    public static let rootElement = "LifecycleConfiguration"
    public static let limits = XMLLimits(maxBytes: 1 << 20, maxElements: 50_000, repeatedChild: ("Rule", maxRules))
    public static let maxRules = 1000

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
        public var prefix: String?
        public var filter: Filter?
        public var status: String
        public var expiration: Expiration?
        public var noncurrentVersionExpiration: NoncurrentVersionExpiration?
        public var abortIncompleteMultipartUpload: AbortIncompleteMultipartUpload?
        /// Storage-class transitions, which obslab does not perform: only their presence is kept, to refuse them.
        public var transitions: [Ignored]?
        public var noncurrentVersionTransitions: [Ignored]?

        public init(
            id: String? = nil,
            prefix: String? = nil,
            filter: Filter? = nil,
            status: String,
            expiration: Expiration? = nil,
            noncurrentVersionExpiration: NoncurrentVersionExpiration? = nil,
            abortIncompleteMultipartUpload: AbortIncompleteMultipartUpload? = nil
        ) {
            self.id = id
            self.prefix = prefix
            self.filter = filter
            self.status = status
            self.expiration = expiration
            self.noncurrentVersionExpiration = noncurrentVersionExpiration
            self.abortIncompleteMultipartUpload = abortIncompleteMultipartUpload
        }

        enum CodingKeys: String, CodingKey {
            case id = "ID"
            case prefix = "Prefix"
            case filter = "Filter"
            case status = "Status"
            case expiration = "Expiration"
            case noncurrentVersionExpiration = "NoncurrentVersionExpiration"
            case abortIncompleteMultipartUpload = "AbortIncompleteMultipartUpload"
            case transitions = "Transition"
            case noncurrentVersionTransitions = "NoncurrentVersionTransition"
        }
    }

    public struct Filter: Codable, Sendable, Equatable {
        public var prefix: String?
        public var tag: Tagging.Tag?
        public var and: And?
        public var objectSizeGreaterThan: Int64?
        public var objectSizeLessThan: Int64?

        public init(prefix: String? = nil, tag: Tagging.Tag? = nil, and: And? = nil) {
            self.prefix = prefix
            self.tag = tag
            self.and = and
        }

        enum CodingKeys: String, CodingKey {
            case prefix = "Prefix"
            case tag = "Tag"
            case and = "And"
            case objectSizeGreaterThan = "ObjectSizeGreaterThan"
            case objectSizeLessThan = "ObjectSizeLessThan"
        }
    }

    public struct And: Codable, Sendable, Equatable {
        public var prefix: String?
        public var tags: [Tagging.Tag]?
        public var objectSizeGreaterThan: Int64?
        public var objectSizeLessThan: Int64?

        enum CodingKeys: String, CodingKey {
            case prefix = "Prefix"
            case tags = "Tag"
            case objectSizeGreaterThan = "ObjectSizeGreaterThan"
            case objectSizeLessThan = "ObjectSizeLessThan"
        }
    }

    public struct Expiration: Codable, Sendable, Equatable {
        public var days: Int?
        /// ISO 8601, midnight UTC.
        public var date: String?
        public var expiredObjectDeleteMarker: Bool?

        public init(days: Int? = nil, date: String? = nil, expiredObjectDeleteMarker: Bool? = nil) {
            self.days = days
            self.date = date
            self.expiredObjectDeleteMarker = expiredObjectDeleteMarker
        }

        enum CodingKeys: String, CodingKey {
            case days = "Days"
            case date = "Date"
            case expiredObjectDeleteMarker = "ExpiredObjectDeleteMarker"
        }
    }

    public struct NoncurrentVersionExpiration: Codable, Sendable, Equatable {
        public var noncurrentDays: Int?
        public var newerNoncurrentVersions: Int?

        public init(noncurrentDays: Int? = nil, newerNoncurrentVersions: Int? = nil) {
            self.noncurrentDays = noncurrentDays
            self.newerNoncurrentVersions = newerNoncurrentVersions
        }

        enum CodingKeys: String, CodingKey {
            case noncurrentDays = "NoncurrentDays"
            case newerNoncurrentVersions = "NewerNoncurrentVersions"
        }
    }

    public struct AbortIncompleteMultipartUpload: Codable, Sendable, Equatable {
        public var daysAfterInitiation: Int?

        public init(daysAfterInitiation: Int? = nil) {
            self.daysAfterInitiation = daysAfterInitiation
        }

        enum CodingKeys: String, CodingKey {
            case daysAfterInitiation = "DaysAfterInitiation"
        }
    }

    /// An element whose content obslab does not read.
    public struct Ignored: Codable, Sendable, Equatable {
        public init() {}
        public init(from decoder: any Decoder) throws {}
        public func encode(to encoder: any Encoder) throws {}
    }

    enum CodingKeys: String, CodingKey {
        case rules = "Rule"
    }
}
