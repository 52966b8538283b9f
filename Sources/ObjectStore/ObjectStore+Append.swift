import Crypto
import Foundation
import KeyManagement
import NIOCore

/// OBS's append upload (`POST ?append&position=N`): an appendable object grows by the bytes each append brings, in
/// place. The appended bytes are staged (under the object's data key, as one more segment, when it is encrypted, so the
/// object stays encrypted as it was written), then the old and new bytes are concatenated into a new blob that is
/// published before the one transaction that points the object at it.
extension ObjectStore {
    /// Stages bytes to append to `version`; encrypted under its data key when it is encrypted, which `access` must be
    /// allowed to use (its KMS grant, or the SSE-C key the object was written with).
    public func stageAppend<Body: AsyncSequence>(_ body: Body, to version: ObjectVersion, access: ReadAccess) async throws -> StagedBlob
    where Body.Element == ByteBuffer {
        guard let envelope = version.encryption else {
            if access.customerKey != nil {
                throw EncryptionError(.customerKeyNotApplicable, "The object was not stored with a customer-provided key")
            }
            return try await stage(body)
        }
        let dataKey = try kms.dataKey(for: envelope, principal: access.principal, customerKey: access.customerKey)
        let staged = try await blobs.stage(body, encryptor: ChunkEncryptor(envelope: envelope, dataKey: dataKey))
        return StagedBlob(id: staged.id, size: staged.size, md5: staged.md5, encryption: staged.segment.map { StagedEncryption.part($0) })
    }

    /// Appends staged bytes (from `stageAppend`) to `version`, the appendable latest version of its key. The staged blob
    /// is consumed. A plaintext object's ETag is the MD5 of all its bytes, as after a PUT (and as `fsck --deep` checks);
    /// an encrypted one's chains the previous ETag with the appended bytes' MD5, so that each append changes it.
    /// - Returns: the version as it is now; its size is the next append's position.
    /// - Throws: PositionNotEqualToLength when the object changed since `version` was read.
    public func appendObject(_ version: ObjectVersion, staged: StagedBlob) async throws -> ObjectVersion {
        var published: [String] = []
        do {
            guard let base = version.blobId else {
                throw StoreError(.objectNotAppendable, "The object is not appendable", resource: "\(version.bucket)/\(version.key)")
            }
            try await blobs.publish(staged.id)
            published.append(staged.id)
            let blobId: String
            do {
                blobId = try await blobs.stageConcatenation(of: [base, staged.id]).id
                published.append(blobId)
            } catch {
                // A concurrent append (or a replacing PUT) may have removed the blob read: that append won.
                let latest = try? await catalog.version(bucket: version.bucket, key: version.key, versionId: nil)
                guard latest?.blobId == base else {
                    throw StoreError(
                        .positionNotEqualToLength,
                        "The object was appended to or replaced meanwhile; read its length again",
                        resource: "\(version.bucket)/\(version.key)"
                    )
                }
                throw error
            }
            var envelope = version.encryption
            if let segment = staged.partSegment { envelope?.segments.append(segment) }
            let etag: String
            if envelope == nil {
                etag = try await blobs.stagedMD5(blobId).hexString
            } else {
                // The stored bytes are ciphertext: the ETag chains the previous one with the appended bytes' MD5.
                var digest = Insecure.MD5()
                digest.update(data: Identifiers.bytes(fromHex: version.etag) ?? Array(version.etag.utf8))
                digest.update(data: staged.md5)
                etag = Array(digest.finalize()).hexString
            }
            try await blobs.publish(blobId)
            let (appended, replaced) = try await catalog.rewrite(
                version,
                blobId: blobId,
                size: version.size + staged.size,
                etag: etag,
                encryption: envelope,
                appending: true,
                at: Date()
            )
            removeBlobs([staged.id] + (replaced.map { [$0] } ?? []))
            return appended
        } catch {
            for id in published { blobs.discard(id) }
            blobs.discard(staged.id)
            throw error
        }
    }
}
