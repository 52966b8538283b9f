import Foundation

/// S3's Object Lock (OBS's WORM): how strictly a retained version is protected.
public enum ObjectLockMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Principals with `s3:BypassGovernanceRetention` may delete the version or shorten its retention, if they ask to.
    case governance = "GOVERNANCE"
    /// Nobody may delete the version, shorten its retention or change its mode before the date.
    case compliance = "COMPLIANCE"
}

/// The retention of one object version: protected in `mode` until `retainUntil`.
public struct ObjectRetention: Sendable, Hashable {
    public var mode: ObjectLockMode
    public var retainUntil: Date

    public init(mode: ObjectLockMode, retainUntil: Date) {
        self.mode = mode
        self.retainUntil = retainUntil
    }

    /// Whether the retention still protects its version at `date`.
    public func isActive(at date: Date) -> Bool { retainUntil > date }
}

/// A bucket's Object Lock configuration: present once lock is enabled (it never goes away), with an optional default
/// retention that every new version without its own gets.
public struct BucketObjectLock: Sendable, Hashable, Codable {
    public var defaultRetention: DefaultRetention?

    public init(defaultRetention: DefaultRetention? = nil) {
        self.defaultRetention = defaultRetention
    }

    /// A default retention rule: a mode and a period in days or in years (never both, as S3 requires).
    public struct DefaultRetention: Sendable, Hashable, Codable {
        public var mode: ObjectLockMode
        public var days: Int?
        public var years: Int?

        public init(mode: ObjectLockMode, days: Int? = nil, years: Int? = nil) {
            self.mode = mode
            self.days = days
            self.years = years
        }

        /// The retention of a version created at `date`: S3 counts the period from the version's creation.
        public func retention(from date: Date) -> ObjectRetention {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let until =
                if let years { calendar.date(byAdding: .year, value: years, to: date) ?? date } else {
                    date.addingTimeInterval(TimeInterval(days ?? 0) * 86_400)
                }
            return ObjectRetention(mode: mode, retainUntil: until)
        }
    }
}
