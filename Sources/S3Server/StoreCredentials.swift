import AccessControl
import ObjectStore
import S3Protocol

/// The owner's keys from the configuration, every other user's from the store's catalog.
struct StoreCredentials: CredentialProvider {
    let store: ObjectStore
    let configuration: S3ServerConfiguration

    func secretKey(forAccessKey accessKey: String) async -> String? {
        if accessKey == configuration.ownerAccessKey { return configuration.ownerSecretKey }
        return try? await store.user(accessKey: accessKey)?.secretKey
    }

    /// The principal an authenticated access key acts as: the owner, or a user by name.
    func principal(forAccessKey accessKey: String) async throws -> String {
        if accessKey == configuration.ownerAccessKey { return configuration.ownerName }
        guard let user = try await store.user(accessKey: accessKey) else { throw S3Error.accessDenied() }
        return user.name
    }
}

/// Who made a request, how its body is signed, and where it came from.
struct Caller: Sendable {
    let identity: Principal
    let payload: PayloadSigning
    /// The client's IP address, for `aws:SourceIp`.
    let remoteAddress: String?

    /// The name the KMS checks grants for and the store records as owner (`anonymous` for an unsigned request).
    var principal: String { identity.storedName }
}
