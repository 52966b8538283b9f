/// The encryption a write asks for, after the server has applied the request headers and the bucket default.
public enum EncryptionRequest: Sendable {
    /// Server-managed key (SSE-S3 / SSE-OBS, `AES256`).
    case sseS3
    /// A KMS key by id, alias or ARN; `KeyManagementService.defaultKeyAlias` when the request names none.
    case sseKMS(keyIdOrAlias: String)
    /// A customer-provided key.
    case sseC(CustomerKey)
}
