import NIOHTTP1
import S3Documents

/// Bucket operations: CreateBucket, HeadBucket, and the encryption and versioning configurations.
extension S3Client {
    /// CreateBucket; a bucket the caller already owns is not an error.
    public func createBucket(_ bucket: String) async throws {
        let response = try await execute(.PUT, path: [bucket])
        if response.status == 409 && response.error.code == "BucketAlreadyOwnedByYou" { return }
        try response.checked()
    }

    /// HeadBucket: false for a 404, an error for any other failure.
    public func bucketExists(_ bucket: String) async throws -> Bool {
        let response = try await execute(.HEAD, path: [bucket])
        if response.status == 404 { return false }
        try response.checked()
        return true
    }

    /// GetBucketEncryption; nil for `ServerSideEncryptionConfigurationNotFoundError` (no default encryption).
    public func bucketEncryption(_ bucket: String) async throws -> ServerSideEncryptionConfiguration? {
        let response = try await execute(.GET, path: [bucket], query: [("encryption", "")])
        if response.status == 404 && response.error.code == "ServerSideEncryptionConfigurationNotFoundError" { return nil }
        try response.checked()
        return try S3ClientXML.decode(ServerSideEncryptionConfiguration.self, from: response.body, status: response.status)
    }

    /// DeleteBucketEncryption.
    public func deleteBucketEncryption(_ bucket: String) async throws {
        try await execute(.DELETE, path: [bucket], query: [("encryption", "")]).checked()
    }

    /// GetBucketVersioning: no `Status` for a bucket that never had versioning.
    public func bucketVersioning(_ bucket: String) async throws -> VersioningConfiguration {
        let response = try await execute(.GET, path: [bucket], query: [("versioning", "")]).checked()
        return try S3ClientXML.decode(VersioningConfiguration.self, from: response.body, status: response.status)
    }
}
