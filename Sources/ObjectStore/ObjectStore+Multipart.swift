import Crypto
import Foundation
import GRDB
import KeyManagement

extension ObjectStore {
    /// Parts other than the last must be at least this large.
    static let minimumPartSize: Int64 = 5 * 1024 * 1024

    /// Starts an upload; with `encryption`, every part is encrypted under one data key made now (for `principal`'s KMS
    /// grant, or under the customer's key, which each part must then repeat). `principal` is the initiator, owner of the
    /// object the upload completes into, which gets the ACL document `acl` (nil: private).
    public func createMultipartUpload(
        bucket: String,
        key: String,
        attributes: ObjectAttributes,
        encryption: EncryptionRequest? = nil,
        principal: String,
        acl: String? = nil
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
            acl: acl
        )
        return try await database.write { db in
            _ = try Self.fetchBucket(db, bucket)
            var record = upload
            try record.insert(db)
            return record.upload
        }
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
            let replaced = try await database.write { db in
                let upload = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
                guard (upload.encryption == nil) == (staged.encryption == nil), staged.objectEnvelopeIfAny == nil else {
                    throw StoreError(.invalidArgument, "A part must be staged for its upload (stagePart)", resource: "\(bucket)/\(key)")
                }
                let replaced = try UploadPartRecord.fetchOne(db, key: ["uploadId": uploadId, "partNumber": partNumber])
                try record.save(db)
                try self.blobs.publish(staged.id)
                return replaced?.blobId
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
        try await database.read { db in try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId).upload }
    }

    public func listParts(bucket: String, key: String, uploadId: String, partNumberMarker: Int, maxParts: Int) async throws -> PartsPage {
        try await database.read { db in
            _ = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
            let limit = max(0, min(maxParts, 10000))
            let parts = try UploadPartRecord
                .filter(UploadPartRecord.Columns.uploadId == uploadId && UploadPartRecord.Columns.partNumber > partNumberMarker)
                .order(UploadPartRecord.Columns.partNumber)
                .limit(limit + 1)
                .fetchAll(db)
            let page = parts.prefix(limit).map(\.part)
            let isTruncated = parts.count > limit
            return PartsPage(parts: page, isTruncated: isTruncated, nextPartNumberMarker: isTruncated ? page.last?.partNumber : nil)
        }
    }

    /// Concatenates the named parts into one new blob and publishes it as the latest version of the key.
    ///
    /// The ETag is the MD5 of the concatenated binary part MD5s, then `-` and the number of parts, as S3 computes it.
    /// - Parameter objectChecksums: given the chosen parts in order, checks them against what the client sent and returns
    ///   the checksums of the whole object (the store does not know checksum algorithms); it may throw to refuse.
    public func completeMultipartUpload(
        bucket: String,
        key: String,
        uploadId: String,
        parts: [CompletedPart],
        objectChecksums: ([UploadedPart]) throws -> [String: String] = { _ in [:] }
    ) async throws -> ObjectVersion {
        let resource = "\(bucket)/\(key)"
        guard !parts.isEmpty else {
            throw StoreError(.malformedXML, "The XML you provided was not well-formed or did not validate against our published schema", resource: resource)
        }
        for (previous, next) in zip(parts, parts.dropFirst()) where next.partNumber <= previous.partNumber {
            throw StoreError(.invalidPartOrder, "The list of parts was not in ascending order", resource: resource)
        }
        let (upload, stored) = try await database.read { db in
            let upload = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
            let stored = try UploadPartRecord.filter(UploadPartRecord.Columns.uploadId == uploadId).fetchAll(db)
            return (upload, Dictionary(stored.map { ($0.partNumber, $0) }, uniquingKeysWith: { first, _ in first }))
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
        attributes.checksums = try objectChecksums(chosen.map(\.part))
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
            attributes: attributes,
            encryption: envelope,
            owner: upload.owner,
            acl: upload.acl
        )
        do {
            let (version, unreferenced) = try await database.write { db in
                // The upload may have been completed or aborted meanwhile.
                _ = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
                let partBlobs = try String.fetchAll(db, sql: "SELECT blobId FROM uploadPart WHERE uploadId = ?", arguments: [uploadId])
                // A part uploaded again meanwhile replaced the bytes that were concatenated.
                guard Set(partBlobIds).isSubset(of: partBlobs) else {
                    throw StoreError(.invalidPart, "A part was uploaded again while the upload was being completed", resource: resource)
                }
                try db.execute(sql: "DELETE FROM multipartUpload WHERE uploadId = ?", arguments: [uploadId])
                var object = object
                let bucketRecord = try Self.fetchBucket(db, bucket)
                let replaced = try Self.insertLatest(&object, versioning: bucketRecord.versioning, db)
                try self.blobs.publish(blobId)
                return (object.version, partBlobs + replaced)
            }
            removeBlobs(unreferenced)
            return version
        } catch {
            blobs.discard(blobId)
            throw error
        }
    }

    /// Deletes the upload and its parts.
    public func abortMultipartUpload(bucket: String, key: String, uploadId: String) async throws {
        let partBlobs = try await database.write { db in
            _ = try Self.fetchUpload(db, bucket: bucket, key: key, uploadId: uploadId)
            let partBlobs = try String.fetchAll(db, sql: "SELECT blobId FROM uploadPart WHERE uploadId = ?", arguments: [uploadId])
            try db.execute(sql: "DELETE FROM multipartUpload WHERE uploadId = ?", arguments: [uploadId])
            return partBlobs
        }
        removeBlobs(partBlobs)
    }

    static func fetchUpload(_ db: Database, bucket: String, key: String, uploadId: String) throws -> MultipartUploadRecord {
        let upload = try MultipartUploadRecord.fetchOne(
            db,
            sql: "SELECT * FROM multipartUpload WHERE uploadId = ? AND bucket = ? AND key = ?",
            arguments: [uploadId, bucket, key]
        )
        guard let upload else {
            _ = try fetchBucket(db, bucket)
            throw StoreError.noSuchUpload(bucket, key, uploadId)
        }
        return upload
    }
}
