/// Who a grant is for: a principal (by name; its canonical id on the wire) or a group.
public enum Grantee: Sendable, Hashable, CustomStringConvertible {
    case user(String)
    case group(GranteeGroup)

    public func includes(_ principal: Principal) -> Bool {
        switch self {
        case .user(let name): principal.name == name
        case .group(let group): group.includes(principal)
        }
    }

    public var description: String {
        switch self {
        case .user(let name): name
        case .group(let group): group.rawValue
        }
    }
}

/// One ACL entry: a permission for a grantee.
public struct Grant: Sendable, Hashable, Codable, CustomStringConvertible {
    public var grantee: Grantee
    public var permission: Permission
    /// OBS: a bucket grant that the bucket's objects inherit (`Delivered`); always false in S3.
    public var delivered: Bool

    public init(_ grantee: Grantee, _ permission: Permission, delivered: Bool = false) {
        self.grantee = grantee
        self.permission = permission
        self.delivered = delivered
    }

    /// `READ to AllUsers`, as explanations name a grant.
    public var description: String { "\(permission.rawValue) to \(grantee)" }

    private enum CodingKeys: String, CodingKey {
        case user, group, permission, delivered
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try container.decodeIfPresent(String.self, forKey: .user) {
            grantee = .user(name)
        } else {
            grantee = .group(try container.decode(GranteeGroup.self, forKey: .group))
        }
        permission = try container.decode(Permission.self, forKey: .permission)
        delivered = try container.decodeIfPresent(Bool.self, forKey: .delivered) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch grantee {
        case .user(let name): try container.encode(name, forKey: .user)
        case .group(let group): try container.encode(group, forKey: .group)
        }
        try container.encode(permission, forKey: .permission)
        if delivered { try container.encode(true, forKey: .delivered) }
    }
}
