extension ModelArtsAPI {
    /// `POST /v2/{project_id}/users/{user_name}/token` (obslab's admin API, the owner's token only): a new token for the
    /// user, replacing any former one; `email` is how team members (workers) are matched to the user.
    public struct IssueToken: Codable, Sendable, ExactRequest {
        public var email: String?

        public init(email: String? = nil) {
            self.email = email
        }

        public static var honouredFields: Set<String> { ["email"] }
    }

    /// The token just issued: shown this once, as only its hash is stored.
    public struct UserToken: Codable, Sendable {
        public var userName: String
        public var email: String?
        public var token: String
        public var createTime: Int64

        public init(userName: String, email: String?, token: String, createTime: Int64) {
            self.userName = userName
            self.email = email
            self.token = token
            self.createTime = createTime
        }

        enum CodingKeys: String, CodingKey {
            case userName = "user_name"
            case email
            case token
            case createTime = "create_time"
        }
    }

    /// `GET /v2/{project_id}/caller` (obslab's own): who the request's token acts as. The console shows it, and offers
    /// to act for another user only to the owner.
    public struct CallerIdentity: Codable, Sendable {
        /// The author the caller's changes record ("Labeled By").
        public var userName: String
        /// The owner's token (the server's API token), which may name another author in `X-Obslab-User`.
        public var isOwner: Bool

        public init(userName: String, isOwner: Bool) {
            self.userName = userName
            self.isOwner = isOwner
        }

        enum CodingKeys: String, CodingKey {
            case userName = "user_name"
            case isOwner = "is_owner"
        }
    }
}
