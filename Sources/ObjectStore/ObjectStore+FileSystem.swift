import Foundation
import KeyManagement

/// OBS parallel file systems: renaming and truncating an object in place, as a file system does.
extension ObjectStore {
    /// Renames `key` to `newKey` in one transaction (the blobs stay where they are), replacing what `newKey` held; a key
    /// ending in `/` is a folder, whose objects all move.
    /// - Throws: NoSuchKey; the caller checks that the bucket is a parallel file system.
    public func renameObject(bucket: String, key: String, to newKey: String) async throws {
        try StoreError.checkKey(newKey, bucket: bucket)
        let replaced = try await catalog.rename(bucket: bucket, key: key, to: newKey, at: Date())
        removeBlobs(replaced)
    }

    /// Cuts `version` (the latest of its key) to its first `length` bytes: they are read (decrypted for `access` when
    /// the object is encrypted) and staged again, encrypted under the object's own data key as one segment, so the object
    /// stays encrypted as it was written; then the new blob is published and the row points at it in one transaction.
    /// - Throws: InvalidArgument when `length` exceeds the object's size; AccessDenied when Object Lock protects it.
    public func truncateObject(_ version: ObjectVersion, length: Int64, access: ReadAccess) async throws -> ObjectVersion {
        guard length >= 0, length <= version.size else {
            throw StoreError(
                .invalidArgument,
                "The length must be between 0 and the object's size (\(version.size))",
                resource: "\(version.bucket)/\(version.key)"
            )
        }
        let body: ObjectBody
        do {
            body = length == 0 ? ObjectBody(blob: nil, offset: 0, count: 0) : try read(version, range: 0...(length - 1), access: access)
        } catch let error as StoreError {
            throw error
        } catch {
            // A concurrent write may have replaced the object and removed the blob read.
            let latest = try? await catalog.version(bucket: version.bucket, key: version.key, versionId: nil)
            guard latest?.blobId == version.blobId else {
                throw StoreError(.preconditionFailed, "The object was changed meanwhile", resource: "\(version.bucket)/\(version.key)")
            }
            throw error
        }
        var envelope = version.encryption
        let staged: (id: String, size: Int64, md5: [UInt8], segment: EncryptedSegment?)
        if let current = envelope {
            let dataKey = try kms.dataKey(for: current, principal: access.principal, customerKey: access.customerKey)
            staged = try await blobs.stage(body, encryptor: ChunkEncryptor(envelope: current, dataKey: dataKey))
            envelope?.segments = staged.segment.map { [$0] } ?? []
        } else {
            staged = try await blobs.stage(body)
        }
        do {
            try await blobs.publish(staged.id)
            let (truncated, replaced) = try await catalog.rewrite(
                version,
                blobId: staged.id,
                size: staged.size,
                etag: staged.md5.hexString,
                encryption: envelope,
                appending: false,
                at: Date()
            )
            removeBlobs(replaced.map { [$0] } ?? [])
            return truncated
        } catch {
            blobs.discard(staged.id)
            throw error
        }
    }
}
