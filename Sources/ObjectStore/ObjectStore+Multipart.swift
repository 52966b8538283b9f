import Crypto
import Foundation
import KeyManagement

extension ObjectStore {
    /// Parts other than the last must be at least this large.
    static let minimumPartSize: Int64 = 5 * 1024 * 1024

    /// Starts an upload; with `encryption`, every part is encrypted under one data key made now (for `principal`'s KMS
    /// grant, or under the customer's key, which each part must then repeat). `principal` is the initiator, owner of the
    /// object the upload completes into, which gets the ACL document `acl` (nil: private). `checksumAlgorithm` is the
    /// flexible checksum every part carries (its type in `attributes.checksumType`).
    public func createMultipartUpload(
        bucket: String,
        key: String,
        attributes: ObjectAttributes,
        encryption: EncryptionRequest? = nil,
        principal: String,
        acl: String? = nil,
        checksumAlgorithm: String? = nil
    ) async throws -> MultipartUpload {
        try StoreError.checkKey(key, bucket: bucket)
        let envelope = try encryption.map { try kms.newEnvelope($0, principal: principal).envelope }
        let upload = MultipartUploadRecord(
            uploadId: Identifiers.upload(),
            bucket: bucket,
            key: key,
            initiated: Date(),
            attributes: attributes,
            encryption: envelope,
            owner: principal,
            acl: acl,
            checksumAlgorithm: checksumAlgorithm
        )
        return try await catalog.createUpload(upload)
    }

    /// Publishes a staged body as part `partNumber` (1...10000), replacing an earlier upload of that number.
    /// The staged blob is consumed: on failure it is discarded.
    public func uploadPart(
        bucket: String,
        key: String,
        uploadId: String,
        partNumber: Int,
        staged: StagedBlob,
        checksums: [String: String] = [:]
    ) async throws -> UploadedPart {
        do {
            guard (1...10000).contains(partNumber) else {
                throw StoreError(.invalidArgument, "Part number must be an integer between 1 and 10000, inclusive", resource: "\(bucket)/\(key)")
            }
            let record = UploadPartRecord(
                uploadId: uploadId,
                partNumber: partNumber,
                etag: staged.md5Hex,
                size: staged.size,
                lastModified: Date(),
                blobId: staged.id,
                checksums: checksums,
                encryptedSegment: staged.partSegment
            )
            try await blobs.publish(staged.id)
            let replaced = try await catalog.savePart(record, bucket: bucket, key: key) { upload in
                guard (upload.encryption == nil) == (staged.encryption == nil), staged.objectEnvelopeIfAny == nil else {
                    throw StoreError(.invalidArgument, "A part must be staged for its upload (stagePart)", resource: "\(bucket)/\(key)")
                }
            }
            removeBlobs(replaced.map { [$0] } ?? [])
            return record.part
        } catch {
            blobs.discard(staged.id)
            throw error
        }
    }

    /// UploadPartCopy: streams `range` of the source (decrypted for `sourceAccess`) into a new part, encrypted as the
    /// upload is (for `access`).
    public func copyPart(
        bucket: String,
        key: String,
        uploadId: String,
        partNumber: Int,
        source: ObjectVersion,
        range: ClosedRange<Int64>?,
        sourceAccess: ReadAccess,
        access: ReadAccess
    ) async throws -> UploadedPart {
        let body = try read(source, range: range, access: sourceAccess)
        let staged = try await stagePart(body, bucket: bucket, key: key, uploadId: uploadId, access: access)
        return try await uploadPart(bucket: bucket, key: key, uploadId: uploadId, partNumber: partNumber, staged: staged)
    }

    /// A pending upload, with the encryption its parts get.
    public func multipartUpload(bucket: String, key: String, uploadId: String) async throws -> MultipartUpload {
        try await catalog.upload(bucket: bucket, key: key, uploadId: uploadId).upload
    }

    public func listParts(bucket: String, key: String, uploadId: String, partNumberMarker: Int, maxParts: Int) async throws -> PartsPage {
        try await catalog.parts(bucket: bucket, key: key, uploadId: uploadId, partNumberMarker: partNumberMarker, maxParts: maxParts)
    }

    /// Concatenates the named parts into one new blob and publishes it as the latest version of the key.
    ///
    /// The ETag is the MD5 of the concatenated binary part MD5s, then `-` and the number of parts, as S3 computes it.
    ///
    /// A completion repeated within ``completedUploadMemory`` of the first, naming the same parts, returns the version the
    /// first made (as S3 does, so that a client retrying after a lost answer succeeds) while that version is still there.
    /// - Parameter objectChecksums: given the upload and the chosen parts in order, checks them against what the client
    ///   sent and returns the checksums of the whole object (the store does not know checksum algorithms); it may throw.
    public func completeMultipartUpload(
        bucket: String,
        key: String,
        uploadId: String,
        parts: [CompletedPart],
        objectChecksums: (MultipartUpload, [UploadedPart]) throws -> ObjectChecksums = { _, _ in ObjectChecksums() }
    ) async throws -> ObjectVersion {
        let resource = "\(bucket)/\(key)"
        guard !parts.isEmpty else {
            throw StoreError(
                .malformedXML, "The XML you provided was not well-formed or did not validate against our published schema", resource: resource)
        }
        for (previous, next) in zip(parts, parts.dropFirst()) where next.partNumber <= previous.partNumber {
            throw StoreError(
                .invalidPartOrder, "The list of parts was not in ascending order. Parts must be ordered by part number.", resource: resource)
        }
        let (upload, stored): (MultipartUploadRecord, [Int: UploadPartRecord])
        do {
            (upload, stored) = try await catalog.uploadWithParts(bucket: bucket, key: key, uploadId: uploadId)
        } catch let error as StoreError where error.code == .noSuchUpload {
            guard let version = try await completedVersion(bucket: bucket, key: key, uploadId: uploadId, parts: parts) else { throw error }
            return version
        }
        var chosen: [UploadPartRecord] = []
        var digests = Insecure.MD5()
        for part in parts {
            let etag = part.etag.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            guard let record = stored[part.partNumber], record.etag.lowercased() == etag.lowercased(),
                let md5 = Identifiers.bytes(fromHex: record.etag)
            else {
                throw StoreError(
                    .invalidPart,
                    "One or more of the specified parts could not be found: part \(part.partNumber)",
                    resource: resource
                )
            }
            digests.update(data: md5)
            chosen.append(record)
        }
        for record in chosen.dropLast() where record.size < Self.minimumPartSize {
            throw StoreError(.entityTooSmall, "Your proposed upload is smaller than the minimum allowed size", resource: resource)
        }
        var attributes = upload.attributes
        let checksums = try objectChecksums(upload.upload, chosen.map(\.part))
        attributes.checksums = checksums.checksums
        attributes.checksumType = checksums.checksumType
        // Encrypted parts are segments under the upload's data key: their ciphertexts concatenate unchanged.
        var envelope = upload.encryption
        if envelope != nil {
            let segments = chosen.compactMap(\.encryptedSegment)
            guard segments.count == chosen.count else {
                throw StoreError(.invalidPart, "A part of this encrypted upload was stored without encryption", resource: resource)
            }
            envelope!.segments = segments
        }
        let partBlobIds = chosen.map(\.blobId)
        let (blobId, _) = try await blobs.stageConcatenation(of: partBlobIds)
        let object = ObjectVersionRecord(
            bucket: bucket,
            key: key,
            versionId: "",
            size: chosen.map(\.size).reduce(0, +),
            etag: Array(digests.finalize()).hexString + "-\(chosen.count)",
            lastModified: Date(),
            blobId: blobId,
            partSizes: chosen.map(\.size),
            partChecksums: chosen.map(\.checksums),
            attributes: attributes,
            encryption: envelope,
            owner: upload.owner,
            acl: upload.acl
        )
        do {
            try await blobs.publish(blobId)
            let (version, unreferenced) = try await catalog.complete(uploadId: uploadId, into: object, partBlobIds: partBlobIds)
            removeBlobs(unreferenced)
            return version
        } catch {
            blobs.discard(blobId)
            throw error
        }
    }

    /// How long a completed upload is remembered, so that a repeated CompleteMultipartUpload answers as the first did.
    public static let completedUploadMemory: TimeInterval = 24 * 60 * 60

    /// The version a recent completion of this upload made, when `parts` are the ones it named and it is still there.
    private func completedVersion(bucket: String, key: String, uploadId: String, parts: [CompletedPart]) async throws -> ObjectVersion? {
        let etags = parts.map { $0.etag.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        let since = Date().addingTimeInterval(-Self.completedUploadMemory)
        guard let found = try await catalog.completedVersion(bucket: bucket, key: key, uploadId: uploadId, since: since) else { return nil }
        guard Self.multipartETag(partETags: etags) == found.etag else {
            throw StoreError(
                .invalidPart,
                "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity "
                    + "tag may not match the part's entity tag.",
                resource: "\(bucket)/\(key)"
            )
        }
        return found.version
    }

    /// S3's ETag of a multipart object from its parts' (hex MD5) ETags; nil when one is not an MD5.
    static func multipartETag(partETags: [String]) -> String? {
        var digests = Insecure.MD5()
        for etag in partETags {
            guard let md5 = Identifiers.bytes(fromHex: etag), md5.count == 16 else { return nil }
            digests.update(data: md5)
        }
        return Array(digests.finalize()).hexString + "-\(partETags.count)"
    }

    /// Deletes the upload and its parts.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        let partBlobs = try await catalog.abortUpload(bucket: bucket, key: key, uploadId: uploadId)
        removeBlobs(partBlobs)
    }
}
