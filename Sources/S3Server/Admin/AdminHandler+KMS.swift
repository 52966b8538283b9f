import HTTPTypes
import Hummingbird
import KeyManagement
import ObjectStore

/// The KMS part of the admin API: `kms/keys[/{key}[/enable|/disable|/grants/{principal}]]`.
///
/// A key reference (`testkey-1`, `alias/obs/default`, an id or ARN) is one path segment: clients percent-encode its `/`.
extension AdminHandler {
    /// The labeling layer's principal: it may be granted keys although no user record names it.
    static let servicePrincipals: Set<String> = [ReadAccess.labelingServicePrincipal]

    func respondKMS(method: HTTPRequest.Method, path: [String], body: [UInt8]) async throws -> Response {
        let kms = store.kms
        // Swift has no array patterns: match on the method, the number of segments and the word after the key.
        let rest = Array(path.dropFirst(2))
        let reference = rest.first ?? ""
        switch (method, rest.count, rest.dropFirst().first) {
        case (.get, 0, _):
            return try Self.json(kms.listKeys().map(AdminAPI.KeyInfo.init))
        case (.post, 0, _):
            let request = body.isEmpty ? AdminAPI.CreateKey() : try Self.decode(AdminAPI.CreateKey.self, from: body)
            let key = try Self.callKMS { () throws(KMSError) in
                try kms.createKey(alias: request.alias, owner: kms.owner, description: request.description ?? "")
            }
            return try Self.json(AdminAPI.KeyInfo(key), status: .created)
        case (.get, 1, _):
            return try Self.json(AdminAPI.KeyInfo(Self.callKMS { () throws(KMSError) in try kms.describeKey(reference) }))
        case (.post, 2, "enable"?):
            return try Self.json(AdminAPI.KeyInfo(Self.callKMS { () throws(KMSError) in try kms.enableKey(reference) }))
        case (.post, 2, "disable"?):
            return try Self.json(AdminAPI.KeyInfo(Self.callKMS { () throws(KMSError) in try kms.disableKey(reference) }))
        case (.put, 3, "grants"?):
            let principal = rest[2]
            _ = try Self.callKMS { () throws(KMSError) in try kms.describeKey(reference) }
            try await checkPrincipalExists(principal)
            return try Self.json(AdminAPI.KeyInfo(Self.callKMS { () throws(KMSError) in try kms.grant(key: reference, principal: principal) }))
        case (.delete, 3, "grants"?):
            let principal = rest[2]
            // A grant held by a principal that is no longer known can still be withdrawn.
            let key = try Self.callKMS { () throws(KMSError) in try kms.describeKey(reference) }
            if !key.grants.contains(principal) { try await checkPrincipalExists(principal) }
            return try Self.json(AdminAPI.KeyInfo(Self.callKMS { () throws(KMSError) in try kms.revoke(key: reference, principal: principal) }))
        default:
            throw AdminError(
                status: .notFound,
                code: "NoSuchAdminResource",
                message: "No admin operation \(method.rawValue) /\(path.joined(separator: "/"))"
            )
        }
    }

    /// Principals are the owner, the service principals and the users; anything else is a typo worth reporting.
    private func checkPrincipalExists(_ principal: String) async throws {
        if principal == store.kms.owner || Self.servicePrincipals.contains(principal) { return }
        if try await store.listUsers().contains(where: { $0.name == principal }) { return }
        throw AdminError(
            status: .notFound,
            code: "NoSuchPrincipal",
            message: "No principal named \(principal): it is neither the owner (\(store.kms.owner)), "
                + "a service principal (\(Self.servicePrincipals.sorted().joined(separator: ", "))) nor a user (see `obslab user list`)"
        )
    }

    /// Runs a KMS call, reporting its failure with the KMS code (`NotFoundException`…) and a matching HTTP status.
    private static func callKMS<T>(_ call: () throws(KMSError) -> T) throws(AdminError) -> T {
        do {
            return try call()
        } catch {
            let status: HTTPResponse.Status =
                switch error.code {
                case .notFound: .notFound
                case .accessDenied: .forbidden
                case .alreadyExists, .disabled: .conflict
                case .validation, .invalidKeyUsage, .invalidCiphertext: .badRequest
                default: .internalServerError
                }
            throw AdminError(status: status, code: error.code.rawValue, message: error.message)
        }
    }
}

extension AdminAPI.KeyInfo {
    init(_ key: KMSKey) {
        self.init(
            id: key.id,
            arn: key.arn,
            aliases: key.aliases,
            owner: key.owner,
            state: key.state.rawValue,
            creationDate: key.creationDate,
            description: key.description,
            grants: key.grants
        )
    }
}
