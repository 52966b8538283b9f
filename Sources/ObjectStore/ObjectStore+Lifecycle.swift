import Foundation

/// What lifecycle rules do to a version, decided by the S3 layer and done here in one transaction, only if the version is
/// still what the rule saw (a client may have written or deleted the key since).
extension ObjectStore {
    public enum Expiration: Sendable {
        /// The version is current: deleted (unversioned bucket) or hidden behind a new delete marker (versioned), as a
        /// DELETE without a version id does.
        case current
        /// The version (noncurrent, or a lone delete marker) is removed for good.
        case permanent
    }

    /// Applies `expiration` to `version`; a version Object Lock protects at `now` (the lifecycle clock's time) is kept.
    /// - Returns: false when the version changed or went meanwhile, or is locked (nothing is done then).
    public func expire(_ version: ObjectVersion, _ expiration: Expiration, now: Date = Date()) async throws -> Bool {
        let (done, removed) = try await catalog.expire(version, expiration, at: Date(), lockedAt: now)
        removeBlobs(removed)
        return done
    }
}
