import S3RequestXML
import XMLCoder

/// The body of GET and PUT `?acl` on buckets and objects, in S3's form (grantees typed with `xsi:type`, groups by URI)
/// or OBS's (no types, `<Canned>Everyone</Canned>`, `Delivered` per bucket grant and per object ACL).
struct AccessControlPolicy: S3XMLDocument, Codable, Equatable {
    static let rootElement = "AccessControlPolicy"

    var owner: Owner?
    /// OBS, object ACLs: whether the object inherits the bucket's delivered grants.
    var delivered: Bool?
    var grants: [Grant]

    struct Owner: Codable, Equatable {
        var id: String?
        var displayName: String?

        enum CodingKeys: String, CodingKey {
            case id = "ID"
            case displayName = "DisplayName"
        }
    }

    struct Grant: Codable, Equatable {
        var grantee: Grantee?
        var permission: String?
        /// OBS, bucket ACLs: whether the bucket's objects inherit the grant.
        var delivered: Bool?

        enum CodingKeys: String, CodingKey {
            case grantee = "Grantee"
            case permission = "Permission"
            case delivered = "Delivered"
        }
    }

    /// A grantee: a canonical user (`ID`), an S3 group (`URI`), an OBS group (`Canned`) or an e-mail address.
    struct Grantee: Codable, Equatable, DynamicNodeEncoding {
        /// S3's `xmlns:xsi` and `xsi:type` attributes (`CanonicalUser`, `Group`); OBS sends neither.
        var xsiNamespace: String?
        var type: String?
        var id: String?
        var displayName: String?
        var uri: String?
        var emailAddress: String?
        var canned: String?

        enum CodingKeys: String, CodingKey {
            case xsiNamespace = "xmlns:xsi"
            case type = "xsi:type"
            case id = "ID"
            case displayName = "DisplayName"
            case uri = "URI"
            case emailAddress = "EmailAddress"
            case canned = "Canned"
        }

        static func nodeEncoding(for key: any CodingKey) -> XMLEncoder.NodeEncoding {
            key.stringValue.hasPrefix("xmlns:") || key.stringValue.hasPrefix("xsi:") ? .attribute : .element
        }

        static let xsiNamespaceURI = "http://www.w3.org/2001/XMLSchema-instance"
    }

    enum CodingKeys: String, CodingKey {
        case owner = "Owner"
        case delivered = "Delivered"
        case accessControlList = "AccessControlList"
    }

    private enum ListKeys: String, CodingKey {
        case grant = "Grant"
    }

    init(owner: Owner?, delivered: Bool? = nil, grants: [Grant]) {
        self.owner = owner
        self.delivered = delivered
        self.grants = grants
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        owner = try container.decodeIfPresent(Owner.self, forKey: .owner)
        delivered = try container.decodeIfPresent(Bool.self, forKey: .delivered)
        if container.contains(.accessControlList) {
            let list = try container.nestedContainer(keyedBy: ListKeys.self, forKey: .accessControlList)
            grants = try list.decodeIfPresent([Grant].self, forKey: .grant) ?? []
        } else {
            grants = []
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(owner, forKey: .owner)
        try container.encodeIfPresent(delivered, forKey: .delivered)
        var list = container.nestedContainer(keyedBy: ListKeys.self, forKey: .accessControlList)
        try list.encode(grants, forKey: .grant)
    }
}

/// Decoded under a configuration's limits: S3 allows 100 grants, well within them.
extension AccessControlPolicy: RequestDocument {}
