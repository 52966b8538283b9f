/// The predefined groups of S3 ACLs (OBS calls AllUsers `Everyone`).
public enum GranteeGroup: String, Sendable, Hashable, Codable, CaseIterable {
    case allUsers = "AllUsers"
    case authenticatedUsers = "AuthenticatedUsers"
    case logDelivery = "LogDelivery"

    /// The group's URI in S3's ACL XML and grant headers.
    public var uri: String {
        switch self {
        case .allUsers: "http://acs.amazonaws.com/groups/global/AllUsers"
        case .authenticatedUsers: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
        case .logDelivery: "http://acs.amazonaws.com/groups/s3/LogDelivery"
        }
    }

    /// The group's name in OBS's ACL XML (`<Canned>Everyone</Canned>`).
    public var obsName: String {
        self == .allUsers ? "Everyone" : rawValue
    }

    public init?(uri: String) {
        guard let group = Self.allCases.first(where: { $0.uri == uri }) else { return nil }
        self = group
    }

    public init?(obsName: String) {
        guard let group = Self.allCases.first(where: { $0.obsName == obsName }) else { return nil }
        self = group
    }

    /// Whether `principal` is a member: AllUsers is everyone, signed or not; AuthenticatedUsers every signed principal;
    /// LogDelivery is S3's log writer, which obslab does not have.
    public func includes(_ principal: Principal) -> Bool {
        switch self {
        case .allUsers: true
        case .authenticatedUsers: !principal.isAnonymous
        case .logDelivery: false
        }
    }
}
