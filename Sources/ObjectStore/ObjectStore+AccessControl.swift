import Foundation
import GRDB
import KeyManagement

/// The data of access control, kept and nothing decided: who owns each bucket and object version, their ACL documents,
/// the bucket policies and the agency documents. The documents are opaque here; the access-control layer writes and
/// reads them, and makes every decision.
extension ObjectStore {
    /// The store's owner: the principal of the root keys, owner of the adopted folders and of the KMS's own keys.
    public var owner: String { kms.owner }

    /// Sets (or with nil, resets to private) a bucket's ACL document.
    public func setBucketACL(_ bucket: String, _ acl: String?) async throws {
        try await database.write { db in
            var record = try Self.fetchBucket(db, bucket)
            record.acl = acl
            try record.update(db)
        }
    }

    /// Sets (or with nil, deletes) a bucket's policy text.
    public func setBucketPolicy(_ bucket: String, _ policy: String?) async throws {
        try await database.write { db in
            var record = try Self.fetchBucket(db, bucket)
            record.policy = policy
            try record.update(db)
        }
    }

    /// Sets (or with nil, resets to private) the ACL document of the latest version of `key`, or of `versionId`.
    /// - Returns: the version as it is now.
    /// - Throws: the errors of `headObject` for a missing key or version, or a delete marker.
    public func setObjectACL(bucket: String, key: String, versionId: String?, _ acl: String?) async throws -> ObjectVersion {
        let version = try await headObject(bucket: bucket, key: key, versionId: versionId)
        return try await database.write { db in
            guard var record = try Self.fetchVersion(db, bucket: bucket, key: key, versionId: version.versionId), !record.isDeleteMarker else {
                throw StoreError(.noSuchKey, "The specified key does not exist", resource: "\(bucket)/\(key)")
            }
            record.acl = acl
            try record.update(db)
            return record.version
        }
    }

    /// The agency document through which `principal` (a service) acts for the store's owner, or nil when none was set.
    public func agencyDocument(principal: String) async throws -> String? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT document FROM agency WHERE principal = ?", arguments: [principal])
        }
    }

    /// Sets (or with nil, forgets, back to the default) the agency document of `principal`.
    public func setAgencyDocument(_ document: String?, principal: String) async throws {
        try await database.write { db in
            if let document {
                try db.execute(
                    sql: """
                        INSERT INTO agency (principal, document, updatedAt) VALUES (?, ?, ?)
                        ON CONFLICT (principal) DO UPDATE SET document = excluded.document, updatedAt = excluded.updatedAt
                        """,
                    arguments: [principal, document, Date().timeIntervalSinceReferenceDate]
                )
            } else {
                try db.execute(sql: "DELETE FROM agency WHERE principal = ?", arguments: [principal])
            }
        }
    }

    /// Buckets made before buckets had owners belong to the store's owner, as the adopted folders do.
    func assignOwnerlessBuckets() async throws {
        let owner = self.owner
        try await database.write { db in
            try db.execute(sql: "UPDATE bucket SET owner = ? WHERE owner IS NULL", arguments: [owner])
        }
    }
}
