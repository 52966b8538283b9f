import Labeling
import S3Client
import S3Documents

extension S3ObjectStorage {
    /// PutObject; the storage applies the bucket's default encryption.
    public func writeObject(bucket: String, key: String, bytes: [UInt8], contentType: String) async throws {
        try await Self.translatingErrors { try await client.putObject(bucket: bucket, key: key, body: bytes, contentType: contentType) }
    }

    /// DeleteObject: the delete marker's version id when the bucket keeps versions.
    public func deleteObject(bucket: String, key: String) async throws -> String? {
        try await Self.translatingErrors { try await client.deleteObject(bucket: bucket, key: key) }
    }

    /// GetBucketVersioning: `Enabled`, else not (no status at all for a bucket that never had versioning).
    public func isVersioningEnabled(bucket: String) async throws -> Bool? {
        try await Self.translatingErrors { try await client.bucketVersioning(bucket).status == "Enabled" }
    }
}
