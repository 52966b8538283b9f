import Foundation

/// The `x-amz-grant-*` request headers (OBS's `x-obs-grant-*` arrive renamed): explicit grants on creation and on
/// PUT `?acl`, such as `x-amz-grant-read: id="…", uri="http://acs.amazonaws.com/groups/global/AllUsers"`.
public enum GrantHeaders {
    /// Header names and the permission each grants; OBS's `-delivered` forms give grants that objects inherit.
    public static let permissions: [(header: String, permission: Permission, delivered: Bool)] = [
        ("x-amz-grant-read", .read, false),
        ("x-amz-grant-write", .write, false),
        ("x-amz-grant-read-acp", .readACP, false),
        ("x-amz-grant-write-acp", .writeACP, false),
        ("x-amz-grant-full-control", .fullControl, false),
        ("x-amz-grant-read-delivered", .read, true),
        ("x-amz-grant-full-control-delivered", .fullControl, true),
    ]

    /// The grants the headers name, in header order.
    /// - Parameter headers: the value of each grant header present, by lower-case name.
    /// - Throws: InvalidArgument for an unknown id or group or a malformed value, UnresolvableGrantByEmailAddress for
    ///   an e-mail address (obslab's principals have none).
    public static func grants(from headers: [String: String], directory: PrincipalDirectory) throws(AccessControlError) -> [Grant] {
        var grants: [Grant] = []
        for (header, permission, delivered) in permissions {
            guard let value = headers[header] else { continue }
            for item in value.split(separator: ",") {
                let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else {
                    throw AccessControlError(.invalidArgument, "Argument format not recognized", argumentName: header, argumentValue: value)
                }
                let text = pair[1].count >= 2 && pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") ? String(pair[1].dropFirst().dropLast()) : pair[1]
                let grantee: Grantee
                switch pair[0].lowercased() {
                case "id":
                    guard let name = directory.name(forCanonicalId: text) else {
                        throw AccessControlError(.invalidArgument, "Invalid id", argumentName: "id", argumentValue: text)
                    }
                    grantee = .user(name)
                case "uri":
                    guard let group = GranteeGroup(uri: text) else {
                        throw AccessControlError(.invalidArgument, "Invalid group uri", argumentName: "uri", argumentValue: text)
                    }
                    grantee = .group(group)
                case "emailaddress":
                    throw AccessControlError(
                        .unresolvableGrantByEmailAddress,
                        "The e-mail address you provided does not match any account on record.",
                        argumentName: "emailAddress",
                        argumentValue: text
                    )
                default:
                    throw AccessControlError(.invalidArgument, "Argument format not recognized", argumentName: header, argumentValue: value)
                }
                grants.append(Grant(grantee, permission, delivered: delivered))
            }
        }
        return grants
    }
}
