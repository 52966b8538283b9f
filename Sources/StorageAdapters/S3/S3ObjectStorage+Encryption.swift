import Labeling
import S3Client
import S3Documents

extension S3ObjectStorage {
    /// GetBucketEncryption: none when the storage answers `ServerSideEncryptionConfigurationNotFoundError`. OBS's `kms`
    /// is `aws:kms`.
    public func defaultEncryption(bucket: String) async throws -> DefaultEncryption? {
        let configuration = try await Self.translatingErrors { try await client.bucketEncryption(bucket) }
        guard let configuration else { return nil }
        guard let rule = configuration.rules.first?.applyServerSideEncryptionByDefault else {
            throw StorageError(code: "MalformedResponse", message: "The storage answered an encryption configuration without a rule")
        }
        let keyId = rule.kmsMasterKeyId.flatMap { $0.isEmpty ? nil : $0 }
        return DefaultEncryption(algorithm: rule.sseAlgorithm == "AES256" ? .aes256 : .kms, kmsKeyId: keyId)
    }
}
