import Hummingbird
import KeyManagement
import ObjectStore
import S3Protocol
import S3RequestXML

/// Bucket default encryption: PUT, GET and DELETE `?encryption` (OBS's `kms` is translated by the dialect).
extension S3Handler {
    func putBucketEncryption(_ request: S3Request, bucket: String, payload: PayloadSigning) async throws -> Response {
        let document = try await readDocument(ServerSideEncryptionConfiguration.self, request, payload: payload)
        guard document.rules.count == 1, let rule = document.rules.first?.applyServerSideEncryptionByDefault else {
            throw S3Error.malformedXML()
        }
        let encryption: BucketEncryption
        switch rule.sseAlgorithm {
        case "AES256":
            guard rule.kmsMasterKeyId == nil else {
                throw S3Error.invalidArgument("KMSMasterKeyID is only valid with aws:kms", name: "KMSMasterKeyID", value: rule.kmsMasterKeyId)
            }
            encryption = BucketEncryption(algorithm: .aes256)
        case "aws:kms":
            // The key must exist now; writes check the caller's grant.
            if let keyId = rule.kmsMasterKeyId { _ = try store.kms.describeKey(keyId) }
            encryption = BucketEncryption(algorithm: .kms, kmsKeyId: rule.kmsMasterKeyId)
        default:
            throw S3Error.invalidArgument("The encryption algorithm is not supported", name: "SSEAlgorithm", value: rule.sseAlgorithm)
        }
        try await store.setBucketEncryption(bucket, encryption)
        return Response(status: .ok)
    }

    func getBucketEncryption(_ request: S3Request, bucket: String) async throws -> Response {
        guard let encryption = try await store.bucket(bucket).defaultEncryption else {
            throw S3Error(
                "ServerSideEncryptionConfigurationNotFoundError",
                status: .notFound,
                message: "The server side encryption configuration was not found",
                details: [("BucketName", bucket)]
            )
        }
        let rule = ServerSideEncryptionConfiguration.EncryptionByDefault(
            sseAlgorithm: encryption.algorithm.rawValue,
            kmsMasterKeyId: encryption.kmsKeyId
        )
        return try XMLResponse.make(ServerSideEncryptionConfiguration(rules: [.init(applyServerSideEncryptionByDefault: rule)]))
    }

    func deleteBucketEncryption(_ request: S3Request, bucket: String) async throws -> Response {
        try await store.setBucketEncryption(bucket, nil)
        return Response(status: .noContent)
    }
}
