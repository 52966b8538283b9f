import Foundation
import GRDB

/// The restore of cold objects (`POST ?restore`), by the rules OBS and S3 document, judged at the caller's `now` (the
/// server's drivable clock).
extension ObjectCatalog {
    /// Starts the restore of the latest version of `key`, or of `versionId`, or extends a finished one.
    /// - Parameters:
    ///   - coldClass: the storage class that needs a restore (`GLACIER`, OBS's COLD).
    ///   - delay: how long the restore takes from `now`.
    ///   - days: how long the restored copy stays readable once ready.
    /// - Returns: true when a restore started, false when a readable copy's life was extended.
    /// - Throws: InvalidObjectState for an object that is not cold; RestoreAlreadyInProgress while one runs;
    ///   ObjectHasAlreadyRestored when the new life would end earlier than the current one.
    func restore(
        bucket: String,
        key: String,
        versionId: String?,
        coldClass: String,
        delay: TimeInterval,
        days: Int,
        now: Date
    ) async throws -> (started: Bool, version: ObjectVersion) {
        try await writer.write { db in
            var record = try Self.fetchReadable(db, bucket: bucket, key: key, versionId: versionId)
            let resource = "\(bucket)/\(key)"
            guard record.attributes.storageClass == coldClass else {
                throw StoreError(.invalidObjectState, "Restore is not allowed, as object's storage class is not COLD", resource: resource)
            }
            let life = TimeInterval(days) * 86_400
            if let current = record.restore {
                if current.isOngoing(at: now) {
                    throw StoreError(.restoreAlreadyInProgress, "Object restore is already in progress", resource: resource)
                }
                if current.isReadable(at: now) {
                    let expiresAt = now.addingTimeInterval(life)
                    guard expiresAt >= current.expiresAt else {
                        throw StoreError(
                            .objectHasAlreadyRestored,
                            "After restoring an archived object, you cannot shorten the restoration period of the archived object",
                            resource: resource
                        )
                    }
                    record.restore?.expiresAt = expiresAt
                    try record.update(db)
                    return (false, record.version)
                }
            }
            let readyAt = now.addingTimeInterval(delay)
            record.restore = ObjectRestore(readyAt: readyAt, expiresAt: readyAt.addingTimeInterval(life))
            try record.update(db)
            return (true, record.version)
        }
    }
}
