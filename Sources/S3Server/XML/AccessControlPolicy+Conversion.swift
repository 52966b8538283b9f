import AccessControl
import HTTPTypes

/// Between the ACL model and its XML, in the dialect of the request.
extension AccessControlPolicy {
    /// The document GET `?acl` answers: S3's typed grantees, or OBS's form (`Canned`, `Delivered`).
    init(_ acl: AccessControlList, owner: String, dialect: Dialect, isObject: Bool) {
        let obs = dialect == .obs
        let ownerPrincipal = Principal(storedName: owner)
        self.init(
            owner: Owner(id: ownerPrincipal.canonicalId, displayName: obs ? nil : ownerPrincipal.displayName),
            delivered: obs && isObject ? acl.inheritsDelivered : nil,
            grants: acl.grants.map { grant in
                var grantee = Grantee()
                switch grant.grantee {
                case .user(let name):
                    let principal = Principal(storedName: name)
                    grantee.id = principal.canonicalId
                    if !obs {
                        grantee.displayName = principal.displayName
                        grantee.type = "CanonicalUser"
                    }
                case .group(let group):
                    if obs {
                        grantee.canned = group.obsName
                    } else {
                        grantee.uri = group.uri
                        grantee.type = "Group"
                    }
                }
                if !obs { grantee.xsiNamespace = Grantee.xsiNamespaceURI }
                return Grant(grantee: grantee, permission: grant.permission.rawValue, delivered: obs && !isObject ? grant.delivered : nil)
            }
        )
    }

    /// The ACL a PUT `?acl` body describes; grantees are resolved among the known principals.
    func accessControlList(principals: PrincipalDirectory) throws -> AccessControlList {
        guard grants.count <= AccessControlList.maximumGrants else {
            let limit = AccessControlList.maximumGrants
            throw S3Error("MalformedACLError", status: .badRequest, message: "The request contains more than \(limit) grants.")
        }
        let malformed = S3Error(
            "MalformedACLError",
            status: .badRequest,
            message: "The XML you provided was not well-formed or did not validate against our published schema"
        )
        let converted = try grants.map { element in
            guard let text = element.permission, let permission = Permission(rawValue: text), let grantee = element.grantee else {
                throw malformed
            }
            let resolved: AccessControl.Grantee
            if let id = grantee.id {
                guard let name = principals.name(forCanonicalId: id) else {
                    throw S3Error.invalidArgument("Invalid id", name: "CanonicalUser/ID", value: id)
                }
                resolved = .user(name)
            } else if let uri = grantee.uri {
                guard let group = GranteeGroup(uri: uri) else {
                    throw S3Error.invalidArgument("Invalid group uri", name: "Group/URI", value: uri)
                }
                resolved = .group(group)
            } else if let canned = grantee.canned {
                guard let group = GranteeGroup(obsName: canned) else {
                    throw S3Error.invalidArgument("Invalid canned grantee", name: "Canned", value: canned)
                }
                resolved = .group(group)
            } else if let email = grantee.emailAddress {
                throw S3Error(
                    "UnresolvableGrantByEmailAddress",
                    status: .badRequest,
                    message: "The e-mail address you provided does not match any account on record.",
                    details: [("EmailAddress", email)]
                )
            } else {
                throw malformed
            }
            return AccessControl.Grant(resolved, permission, delivered: element.delivered ?? false)
        }
        return AccessControlList(grants: converted, inheritsDelivered: delivered ?? true)
    }
}
