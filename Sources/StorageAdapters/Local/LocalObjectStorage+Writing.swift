import AccessControl
import KeyManagement
import Labeling
import NIOCore
import ObjectStore

extension LocalObjectStorage {
    /// Encrypted as the bucket's default says, with the service as the principal asking the KMS: a bucket whose key
    /// the service may not use refuses the write, as it refuses the reads.
    public func writeObject(bucket: String, key: String, bytes: [UInt8], contentType: String) async throws {
        do {
            try await authorize(.putObject, .write, bucket: bucket, key: key)
            let encryption: EncryptionRequest? =
                switch try await store.bucket(bucket).defaultEncryption {
                case nil: nil
                case let configured? where configured.algorithm == .aes256: .sseS3
                case let configured?: .sseKMS(keyIdOrAlias: configured.kmsKeyId ?? KeyManagementService.defaultKeyAlias)
                }
            let body = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(ByteBuffer(bytes: bytes))
                continuation.finish()
            }
            let staged = try await store.stage(body, encryption: encryption, principal: principal)
            _ = try await store.putObject(bucket: bucket, key: key, staged: staged, attributes: ObjectAttributes(contentType: contentType))
        } catch {
            throw Self.storageError(error)
        }
    }

    public func deleteObject(bucket: String, key: String) async throws -> String? {
        do {
            try await authorize(.deleteObject, .delete, bucket: bucket, key: key)
            let result = try await store.deleteObject(bucket: bucket, key: key, versionId: nil)
            // A suspended bucket answers a "null" marker that replaced the null version: nothing to bring back.
            guard result.isDeleteMarker, let versionId = result.versionId, versionId != "null" else { return nil }
            return versionId
        } catch {
            throw Self.storageError(error)
        }
    }

    public func isVersioningEnabled(bucket: String) async throws -> Bool? {
        do {
            try await authorize(.getBucketVersioning, .read, bucket: bucket)
            return try await store.bucket(bucket).versioning == .enabled
        } catch {
            throw Self.storageError(error)
        }
    }
}
