import S3Protocol

/// The access keys the server knows, fixed at start-up (the owner's, from flags or environment).
struct StaticCredentials: CredentialProvider {
    let secrets: [String: String]

    init(_ secrets: [String: String]) {
        self.secrets = secrets
    }

    func secretKey(forAccessKey accessKey: String) async -> String? {
        secrets[accessKey]
    }
}
