import Foundation
import NIOHTTP1

extension S3ObjectStorage {
    /// GET `?encryption`: 404 `ServerSideEncryptionConfigurationNotFoundError` means none. OBS's `kms` is `aws:kms`.
    public func defaultEncryption(bucket: String) async throws -> DefaultEncryption? {
        let body: [UInt8]
        do {
            body = try await send(.GET, pathSegments: [bucket], query: [("encryption", "")], maxBytes: 64 * 1024)
        } catch let error as StorageError where error.code == "ServerSideEncryptionConfigurationNotFoundError" {
            return nil
        }
        guard let root = S3XML.Element.parse(body), root.name == "ServerSideEncryptionConfiguration",
            let rule = root.children.first(where: { $0.name == "Rule" })?.children.first(where: { $0.name == "ApplyServerSideEncryptionByDefault" }),
            let algorithm = rule.text(of: "SSEAlgorithm")
        else {
            throw StorageError(code: "MalformedResponse", message: "The storage answered an encryption configuration obslab cannot read")
        }
        let keyId = rule.text(of: "KMSMasterKeyID").flatMap { $0.isEmpty ? nil : $0 }
        return DefaultEncryption(algorithm: algorithm == "AES256" ? .aes256 : .kms, kmsKeyId: keyId)
    }
}
