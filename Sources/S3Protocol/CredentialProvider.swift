/// Looks up the secret key of an access key; `nil` when the key is unknown.
public protocol CredentialProvider: Sendable {
    func secretKey(forAccessKey accessKey: String) async -> String?
}

/// A fixed set of access keys, for tests and single-user setups.
public struct StaticCredentialProvider: CredentialProvider {
    public var secretKeys: [String: String]

    /// - Parameter secretKeys: secret keys by access key.
    public init(_ secretKeys: [String: String]) {
        self.secretKeys = secretKeys
    }

    public func secretKey(forAccessKey accessKey: String) async -> String? {
        self.secretKeys[accessKey]
    }
}
