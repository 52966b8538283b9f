/// The body of PutObjectLockConfiguration and the answer of its GET:
/// `ObjectLockConfiguration/{ObjectLockEnabled, Rule/DefaultRetention/{Mode, Days | Years}}`. Values are kept as sent;
/// the server checks them, since S3 names each mistake.
public struct ObjectLockConfiguration: RequestDocument, Codable, Equatable {
    public static let rootElement = "ObjectLockConfiguration"

    /// `Enabled`, the only value S3 accepts.
    public var objectLockEnabled: String?
    public var rule: Rule?

    public init(objectLockEnabled: String?, rule: Rule? = nil) {
        self.objectLockEnabled = objectLockEnabled
        self.rule = rule
    }

    public struct Rule: Codable, Sendable, Equatable {
        public var defaultRetention: DefaultRetention?

        public init(defaultRetention: DefaultRetention?) {
            self.defaultRetention = defaultRetention
        }

        enum CodingKeys: String, CodingKey {
            case defaultRetention = "DefaultRetention"
        }
    }

    public struct DefaultRetention: Codable, Sendable, Equatable {
        public var mode: String?
        public var days: Int?
        public var years: Int?

        public init(mode: String?, days: Int? = nil, years: Int? = nil) {
            self.mode = mode
            self.days = days
            self.years = years
        }

        enum CodingKeys: String, CodingKey {
            case mode = "Mode"
            case days = "Days"
            case years = "Years"
        }
    }

    enum CodingKeys: String, CodingKey {
        case objectLockEnabled = "ObjectLockEnabled"
        case rule = "Rule"
    }
}
