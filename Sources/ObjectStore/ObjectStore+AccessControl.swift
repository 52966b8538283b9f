import Foundation
import KeyManagement

/// The data of access control, kept and nothing decided: who owns each bucket and object version, their ACL documents,
/// the bucket policies and the agency documents. The documents are opaque here; the access-control layer writes and
/// reads them, and makes every decision.
extension ObjectStore {
    /// The store's owner: the principal of the root keys, owner of the adopted folders and of the KMS's own keys.
    public var owner: String { kms.owner }

    /// Sets (or with nil, resets to private) a bucket's ACL document.
    public func setBucketACL(_ bucket: String, _ acl: String?) async throws {
        try await catalog.updateBucket(bucket) { $0.acl = acl }
    }

    /// Sets (or with nil, deletes) a bucket's policy text.
    public func setBucketPolicy(_ bucket: String, _ policy: String?) async throws {
        try await catalog.updateBucket(bucket) { $0.policy = policy }
    }

    /// Sets (or with nil, resets to private) the ACL document of the latest version of `key`, or of `versionId`.
    /// - Returns: the version as it is now.
    /// - Throws: the errors of `headObject` for a missing key or version, or a delete marker.
    public func setObjectACL(bucket: String, key: String, versionId: String?, _ acl: String?) async throws -> ObjectVersion {
        try await catalog.updateVersion(bucket: bucket, key: key, versionId: versionId) { $0.acl = acl }
    }

    /// The agency document through which `principal` (a service) acts for the store's owner, or nil when none was set.
    public func agencyDocument(principal: String) async throws -> String? {
        try await catalog.agencyDocument(principal: principal)
    }

    /// Sets (or with nil, forgets, back to the default) the agency document of `principal`.
    public func setAgencyDocument(_ document: String?, principal: String) async throws {
        try await catalog.setAgencyDocument(document, principal: principal, at: Date())
    }

    /// Buckets made before buckets had owners belong to the store's owner, as the adopted folders do.
    func assignOwnerlessBuckets() async throws {
        try await catalog.assignOwnerlessBuckets(to: owner)
    }
}
