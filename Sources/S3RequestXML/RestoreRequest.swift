/// The body of RestoreObject (`POST ?restore`): `RestoreRequest/{Days, GlacierJobParameters/Tier}` in S3,
/// `RestoreRequest/{Days, RestoreJob/Tier}` in OBS. Values are kept as sent; the server checks them.
public struct RestoreRequest: RequestDocument, Codable, Equatable {
    public static let rootElement = "RestoreRequest"

    public var days: Int?
    public var glacierJobParameters: Job?
    public var restoreJob: Job?

    public init(days: Int?, glacierJobParameters: Job? = nil, restoreJob: Job? = nil) {
        self.days = days
        self.glacierJobParameters = glacierJobParameters
        self.restoreJob = restoreJob
    }

    /// The tier the request names, in either dialect's element.
    public var tier: String? { glacierJobParameters?.tier ?? restoreJob?.tier }

    public struct Job: Codable, Sendable, Equatable {
        public var tier: String?

        public init(tier: String?) {
            self.tier = tier
        }

        enum CodingKeys: String, CodingKey {
            case tier = "Tier"
        }
    }

    enum CodingKeys: String, CodingKey {
        case days = "Days"
        case glacierJobParameters = "GlacierJobParameters"
        case restoreJob = "RestoreJob"
    }
}
