import AccessControl
import KeyManagement
import Labeling
import ObjectStore

extension LocalObjectStorage {
    public func defaultEncryption(bucket: String) async throws -> DefaultEncryption? {
        do {
            try await authorize(.getEncryptionConfiguration, .read, bucket: bucket)
            guard let encryption = try await store.bucket(bucket).defaultEncryption else { return nil }
            let algorithm: DefaultEncryption.Algorithm = encryption.algorithm == .kms ? .kms : .aes256
            return DefaultEncryption(algorithm: algorithm, kmsKeyId: encryption.kmsKeyId, since: encryption.since)
        } catch {
            throw Self.storageError(error)
        }
    }

    public func describeKey(_ idOrAlias: String) async -> KeyDescription? {
        guard let key = try? store.kms.describeKey(idOrAlias) else { return nil }
        return KeyDescription(id: key.id, aliases: key.aliases)
    }
}
