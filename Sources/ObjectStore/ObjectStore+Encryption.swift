import KeyManagement
import NIOCore

/// Encryption at rest: bodies are encrypted while they are staged and decrypted while they are read, with the data
/// key the KMS (or the customer's key) gives for the principal asking. Nothing is decrypted ahead of a read.
extension ObjectStore {
    /// Streams `body` into staging, encrypted under a new envelope when `encryption` asks for it.
    /// - Throws: KMSError when `principal` may not use the KMS key; the body is then not read at all.
    public func stage<Body: AsyncSequence>(_ body: Body, encryption: EncryptionRequest?, principal: String) async throws -> StagedBlob
    where Body.Element == ByteBuffer {
        guard let encryption else { return try await stage(body) }
        var (envelope, dataKey) = try kms.newEnvelope(encryption, principal: principal)
        let staged = try await blobs.stage(body, encryptor: ChunkEncryptor(envelope: envelope, dataKey: dataKey))
        envelope.segments = staged.segment.map { [$0] } ?? []
        return StagedBlob(id: staged.id, size: staged.size, md5: staged.md5, encryption: .object(envelope))
    }

    /// Streams a part of a multipart upload into staging, encrypted under the upload's data key when it has one
    /// (each part is its own segment, so completing the upload concatenates ciphertexts unchanged).
    public func stagePart<Body: AsyncSequence>(
        _ body: Body, bucket: String, key: String, uploadId: String, access: ReadAccess
    )
        async throws -> StagedBlob where Body.Element == ByteBuffer
    {
        let upload = try await catalog.upload(bucket: bucket, key: key, uploadId: uploadId)
        guard let envelope = upload.encryption else {
            if access.customerKey != nil {
                throw EncryptionError(.customerKeyNotApplicable, "The upload was not initiated with a customer-provided key")
            }
            return try await stage(body)
        }
        let dataKey = try kms.dataKey(for: envelope, principal: access.principal, customerKey: access.customerKey)
        let staged = try await blobs.stage(body, encryptor: ChunkEncryptor(envelope: envelope, dataKey: dataKey))
        return StagedBlob(id: staged.id, size: staged.size, md5: staged.md5, encryption: staged.segment.map { StagedEncryption.part($0) })
    }

    /// Checks that `access` may decrypt `version` (its KMS grant, or the customer key), without reading any byte.
    public func checkAccess(_ version: ObjectVersion, _ access: ReadAccess) throws {
        guard let envelope = version.encryption else {
            if access.customerKey != nil {
                throw EncryptionError(.customerKeyNotApplicable, "The object was not stored with a customer-provided key")
            }
            return
        }
        _ = try kms.dataKey(for: envelope, principal: access.principal, customerKey: access.customerKey)
    }

    /// The bytes of `version` (or of `range` of it), decrypted for `access` when the version is encrypted.
    /// - Throws: KMSError or EncryptionError when `access` may not decrypt it; a tampered blob throws while reading.
    public func read(_ version: ObjectVersion, range: ClosedRange<Int64>? = nil, access: ReadAccess) throws -> ObjectBody {
        let blob = try version.blobId.map { try OpenedBlob(path: blobs.blobPath($0)) }
        let lower = max(0, min(range?.lowerBound ?? 0, version.size))
        let upper = min(range?.upperBound ?? version.size - 1, version.size - 1)
        let count = max(0, upper - lower + 1)
        guard let envelope = version.encryption else {
            try checkAccess(version, access)
            return ObjectBody(blob: blob, offset: lower, count: count)
        }
        let dataKey = try kms.dataKey(for: envelope, principal: access.principal, customerKey: access.customerKey)
        let decryptor = try ChunkDecryptor(envelope: envelope, dataKey: dataKey, range: lower..<(lower + count))
        return ObjectBody(blob: blob, decryptor: decryptor)
    }
}
