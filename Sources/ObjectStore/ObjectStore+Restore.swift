import Foundation

/// The restore of cold objects (`POST ?restore`): a cold version's bytes are readable only while a restored copy is,
/// which takes `delay` to be ready and lasts `days`. The store keeps no second copy: the restore is the window in which
/// the version may be read.
extension ObjectStore {
    /// Starts (true) or extends (false) the restore of the latest version of `key`, or of `versionId`, at `now`.
    /// - Throws: InvalidObjectState, RestoreAlreadyInProgress, ObjectHasAlreadyRestored; the errors of `headObject`.
    public func restoreObject(
        bucket: String,
        key: String,
        versionId: String?,
        coldClass: String,
        delay: TimeInterval,
        days: Int,
        now: Date
    ) async throws -> (started: Bool, version: ObjectVersion) {
        try await catalog.restore(bucket: bucket, key: key, versionId: versionId, coldClass: coldClass, delay: delay, days: days, now: now)
    }
}
