import Foundation
import GRDB

/// Object Lock (OBS's WORM), by S3's rules: a bucket's lock configuration, each version's retention and legal hold,
/// and the checks that keep a protected version from being deleted, all inside the transactions that change them.
extension ObjectCatalog {
    /// Enables Object Lock on a bucket, or replaces its default retention.
    /// - Throws: NoSuchBucket; InvalidBucketState unless versioning is enabled (S3 enables lock only on such buckets).
    func setObjectLock(_ bucket: String, _ configuration: BucketObjectLock) async throws {
        try await writer.write { db in
            var record = try Self.fetchBucket(db, bucket)
            guard record.versioning == .enabled else {
                throw StoreError(
                    .invalidBucketState,
                    "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
                    resource: bucket
                )
            }
            record.objectLock = configuration
            try record.update(db)
        }
    }

    /// Sets (nil: removes) the retention of the latest version of `key`, or of `versionId`, at `date`.
    /// A retention in force can only be extended in its mode; anything else needs `bypassGovernance` and GOVERNANCE mode.
    /// - Throws: InvalidRequest on a bucket without lock; AccessDenied when the change would weaken a protection.
    func setRetention(
        bucket: String,
        key: String,
        versionId: String?,
        _ retention: ObjectRetention?,
        bypassGovernance: Bool,
        at date: Date
    ) async throws -> ObjectVersion {
        try await writer.write { db in
            try Self.requireObjectLock(db, bucket)
            var record = try Self.fetchReadable(db, bucket: bucket, key: key, versionId: versionId)
            if let current = record.attributes.retention, current.isActive(at: date) {
                let extends = retention.map { $0.mode == current.mode && $0.retainUntil >= current.retainUntil } ?? false
                if !extends && (current.mode == .compliance || !bypassGovernance) {
                    throw Self.lockedVersion(record)
                }
            }
            record.attributes.retention = retention
            try record.update(db)
            return record.version
        }
    }

    /// Places or removes the legal hold of the latest version of `key`, or of `versionId`.
    /// - Throws: InvalidRequest on a bucket without lock.
    func setLegalHold(bucket: String, key: String, versionId: String?, _ on: Bool) async throws -> ObjectVersion {
        try await writer.write { db in
            try Self.requireObjectLock(db, bucket)
            var record = try Self.fetchReadable(db, bucket: bucket, key: key, versionId: versionId)
            record.attributes.legalHold = on
            try record.update(db)
            return record.version
        }
    }

    /// Gives a new version its lock: the retention it asks for, or else the bucket's default counted from its creation.
    /// Delete markers are never locked.
    /// - Throws: InvalidRequest when the version asks for a lock the bucket does not have.
    static func applyObjectLock(_ record: inout ObjectVersionRecord, bucket: BucketRecord) throws {
        guard !record.isDeleteMarker else { return }
        guard let lock = bucket.objectLock else {
            if record.attributes.retention != nil || record.attributes.legalHold { throw missingObjectLock(bucket.name) }
            return
        }
        if record.attributes.retention == nil, let rule = lock.defaultRetention {
            record.attributes.retention = rule.retention(from: record.lastModified)
        }
    }

    /// Refuses to remove a version for good while Object Lock protects it at `date`: a legal hold or a COMPLIANCE
    /// retention always, a GOVERNANCE retention unless the caller bypasses it.
    static func checkRemovable(_ record: ObjectVersionRecord, bypassGovernance: Bool, at date: Date) throws {
        let attributes = record.attributes
        if attributes.legalHold { throw lockedVersion(record) }
        guard let retention = attributes.retention, retention.isActive(at: date) else { return }
        if retention.mode == .compliance || !bypassGovernance { throw lockedVersion(record) }
    }

    static func missingObjectLock(_ bucket: String) -> StoreError {
        StoreError(.invalidRequest, "Bucket is missing Object Lock Configuration", resource: bucket)
    }

    private static func requireObjectLock(_ db: Database, _ bucket: String) throws {
        if try fetchBucket(db, bucket).objectLock == nil { throw missingObjectLock(bucket) }
    }

    private static func lockedVersion(_ record: ObjectVersionRecord) -> StoreError {
        StoreError(.accessDenied, "Access Denied because object protected by object lock.", resource: "\(record.bucket)/\(record.key)")
    }
}
