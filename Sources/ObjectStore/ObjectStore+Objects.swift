import Foundation
import KeyManagement
import NIOCore

extension ObjectStore {
    /// Streams a request body into `staging/` as plaintext (size, MD5, fsync). Nothing is visible until it is published.
    /// If the body throws (a client that went away), the staged file is removed and the error rethrown.
    /// `stage(_:encryption:principal:)` encrypts instead.
    public func stage<Body: AsyncSequence>(_ body: Body) async throws -> StagedBlob where Body.Element == ByteBuffer {
        let staged = try await blobs.stage(body)
        return StagedBlob(id: staged.id, size: staged.size, md5: staged.md5, encryption: nil)
    }

    public func discard(_ staged: StagedBlob) async {
        blobs.discard(staged.id)
    }

    /// Publishes a staged body as the latest version of `key`. The staged blob is consumed: on failure it is discarded.
    /// - Parameters:
    ///   - owner: the principal writing it (nil: the bucket's owner).
    ///   - acl: the version's ACL document (nil: private).
    ///   - appendable: an appendable object, OBS's first `POST ?append`.
    /// - Throws: PreconditionFailed (or NoSuchKey for `ifMatch` on a missing key) when `condition` does not hold.
    public func putObject(
        bucket: String,
        key: String,
        staged: StagedBlob,
        attributes: ObjectAttributes,
        condition: WriteCondition? = nil,
        owner: String? = nil,
        acl: String? = nil,
        appendable: Bool = false
    ) async throws -> ObjectVersion {
        do {
            try StoreError.checkKey(key, bucket: bucket)
            let record = ObjectVersionRecord(
                bucket: bucket,
                key: key,
                versionId: "",
                size: staged.size,
                etag: staged.md5Hex,
                lastModified: Date(),
                blobId: staged.id,
                attributes: attributes,
                encryption: try staged.objectEnvelope(),
                owner: owner,
                acl: acl,
                isAppendable: appendable
            )
            return try await publish(record, condition: condition)
        } catch {
            blobs.discard(staged.id)
            throw error
        }
    }

    /// Copies a version to `bucket/key` with new attributes. A plaintext copy of a plaintext version hard-links (or copies)
    /// the immutable blob; otherwise the source is decrypted for `sourceAccess` and the copy encrypted as `encryption`
    /// asks, streaming, so a copy is how data moves between encryption settings. The copy belongs to `owner` (nil: the
    /// bucket's owner) with the ACL document `acl` (nil: private), as a new object does.
    public func copyObject(
        source: ObjectVersion,
        bucket: String,
        key: String,
        attributes: ObjectAttributes,
        sourceAccess: ReadAccess,
        encryption: EncryptionRequest? = nil,
        owner: String? = nil,
        acl: String? = nil
    ) async throws -> ObjectVersion {
        try StoreError.checkKey(key, bucket: bucket)
        guard let sourceBlob = source.blobId else {
            throw StoreError(.invalidArgument, "The source of a copy cannot be a delete marker", resource: "\(source.bucket)/\(source.key)")
        }
        let blobId: String
        let envelope: EncryptionEnvelope?
        if source.encryption != nil || encryption != nil || sourceAccess.customerKey != nil {
            let staged = try await stage(read(source, access: sourceAccess), encryption: encryption, principal: sourceAccess.principal)
            (blobId, envelope) = (staged.id, try staged.objectEnvelope())
        } else {
            (blobId, envelope) = (try await blobs.clone(sourceBlob), nil)
        }
        do {
            // The bytes are the source's, and so are the ETag and part sizes (S3 keeps a multipart ETag across a copy).
            let record = ObjectVersionRecord(
                bucket: bucket,
                key: key,
                versionId: "",
                size: source.size,
                etag: source.etag,
                lastModified: Date(),
                blobId: blobId,
                partSizes: source.partSizes,
                attributes: attributes,
                encryption: envelope,
                owner: owner,
                acl: acl
            )
            return try await publish(record)
        } catch {
            blobs.discard(blobId)
            throw error
        }
    }

    /// Publishes a version whose blob is in `staging/` under `record.blobId`: moves the blob into `blobs/` durably, then
    /// inserts the version by the bucket's versioning rules, and deletes the blob it replaced after the commit.
    func publish(_ record: ObjectVersionRecord, condition: WriteCondition? = nil) async throws -> ObjectVersion {
        if let blobId = record.blobId { try await blobs.publish(blobId) }
        let (version, replaced) = try await catalog.publish(record, condition: condition)
        removeBlobs(replaced)
        return version
    }

    /// The latest version, or the given one.
    /// - Throws: NoSuchKey when the latest is missing or a delete marker (with `deleteMarkerVersionId`),
    ///   NoSuchVersion for an unknown `versionId`, MethodNotAllowed when `versionId` names a delete marker.
    public func headObject(bucket: String, key: String, versionId: String?) async throws -> ObjectVersion {
        try await catalog.version(bucket: bucket, key: key, versionId: versionId)
    }

    /// S3 DELETE: without a version id, removes the object (unversioned) or adds a delete marker (enabled: a new id;
    /// suspended: "null", replacing the null version). With one, removes that version for good and promotes the next newest.
    /// Deleting something that does not exist succeeds.
    /// - Parameter bypassGovernance: the caller asked, and may, to delete a version under GOVERNANCE retention.
    /// - Throws: AccessDenied when Object Lock protects the version named by `versionId`.
    public func deleteObject(bucket: String, key: String, versionId: String?, bypassGovernance: Bool = false) async throws -> DeletionResult {
        try StoreError.checkKey(key, bucket: bucket)
        let (result, removed) = try await catalog.deleteObject(
            bucket: bucket,
            key: key,
            versionId: versionId,
            bypassGovernance: bypassGovernance,
            at: Date()
        )
        removeBlobs(removed)
        return result
    }
}
