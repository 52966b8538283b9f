import Foundation

/// Driving the lifecycle task from tests and scripts: `POST lifecycle/run` moves the lifecycle clock ahead and applies
/// every bucket's rules at once.
extension AdminAPI {
    /// The body of `POST lifecycle/run`.
    public struct LifecycleRunRequest: Codable, Sendable {
        /// Seconds to move the lifecycle clock ahead before applying the rules (it never goes back); nil or 0: none.
        public var advanceSeconds: Double?

        public init(advanceSeconds: Double? = nil) {
            self.advanceSeconds = advanceSeconds
        }
    }

    /// What one pass of the lifecycle rules did.
    public struct LifecycleRunReport: Codable, Sendable, Equatable {
        /// The lifecycle clock's time the rules were judged by.
        public var now: Date
        /// Current versions expired (deleted, or hidden behind a delete marker).
        public var expiredObjects: Int
        /// Noncurrent versions removed for good.
        public var removedNoncurrentVersions: Int
        /// Delete markers left without any version, removed.
        public var removedDeleteMarkers: Int
        public var abortedUploads: Int

        public init(now: Date, expiredObjects: Int = 0, removedNoncurrentVersions: Int = 0, removedDeleteMarkers: Int = 0, abortedUploads: Int = 0) {
            self.now = now
            self.expiredObjects = expiredObjects
            self.removedNoncurrentVersions = removedNoncurrentVersions
            self.removedDeleteMarkers = removedDeleteMarkers
            self.abortedUploads = abortedUploads
        }
    }
}
