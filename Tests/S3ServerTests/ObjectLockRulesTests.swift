import Foundation
import ObjectStore
import S3RequestXML
import Testing

@testable import S3Server

/// Object Lock documents and headers, with the error code S3 (or OBS) gives for each mistake.
struct ObjectLockRulesTests {
    private static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func defaultRetentionNeedsAModeAndOnePositivePeriod() throws {
        let rules = ObjectLockRules()
        let days = Self.rule(.init(mode: "GOVERNANCE", days: 3))
        #expect(try rules.configuration(of: days) == BucketObjectLock(defaultRetention: .init(mode: .governance, days: 3)))
        #expect(try rules.configuration(of: ObjectLockConfiguration(objectLockEnabled: "Enabled")) == BucketObjectLock())
    }

    /// A configuration with this default retention.
    private static func rule(_ retention: ObjectLockConfiguration.DefaultRetention?) -> ObjectLockConfiguration {
        ObjectLockConfiguration(objectLockEnabled: "Enabled", rule: .init(defaultRetention: retention))
    }

    @Test(arguments: [
        (ObjectLockConfiguration(objectLockEnabled: "Disabled"), "MalformedXML"),
        (rule(nil), "MalformedXML"),
        (rule(.init(mode: "governance", days: 1)), "MalformedXML"),
        (rule(.init(mode: "COMPLIANCE", days: 1, years: 1)), "MalformedXML"),
        (rule(.init(mode: "COMPLIANCE")), "MalformedXML"),
        (rule(.init(mode: "COMPLIANCE", days: 0)), "InvalidRetentionPeriod"),
        (rule(.init(mode: "COMPLIANCE", years: -1)), "InvalidRetentionPeriod"),
        (rule(.init(mode: "COMPLIANCE", years: 101)), "InvalidRetentionPeriod"),
    ])
    func badConfigurationsAreRefused(document: ObjectLockConfiguration, code: String) {
        #expect(Self.code { try ObjectLockRules().configuration(of: document) } == code)
    }

    @Test func obsKnowsOnlyComplianceAndNamesItsOwnError() throws {
        let governance = Self.rule(.init(mode: "GOVERNANCE", days: 1))
        #expect(Self.code { try ObjectLockRules(dialect: .obs).configuration(of: governance) } == "MalformedObjectLockError")
        let retention = Retention(mode: "COMPLIANCE", retainUntilDate: "1900000000000")
        #expect(try ObjectLockRules(dialect: .obs).retention(of: retention, now: Self.now)?.retainUntil == Date(timeIntervalSince1970: 1_900_000_000))
    }

    @Test func retentionMustEndInTheFuture() throws {
        let rules = ObjectLockRules()
        let retention = try rules.retention(of: Retention(mode: "COMPLIANCE", retainUntilDate: "2030-01-01T00:00:00Z"), now: Self.now)
        #expect(retention == ObjectRetention(mode: .compliance, retainUntil: Date(timeIntervalSince1970: 1_893_456_000)))
        #expect(try rules.retention(of: Retention(mode: nil, retainUntilDate: nil), now: Self.now) == nil)
        let past = Retention(mode: "COMPLIANCE", retainUntilDate: "2020-01-01T00:00:00Z")
        #expect(Self.code { try rules.retention(of: past, now: Self.now) } == "InvalidRequest")
        let unknownMode = Retention(mode: "LOCKED", retainUntilDate: "2030-01-01T00:00:00Z")
        #expect(Self.code { try rules.retention(of: unknownMode, now: Self.now) } == "MalformedXML")
        #expect(Self.code { try rules.retention(of: Retention(mode: "COMPLIANCE", retainUntilDate: nil), now: Self.now) } == "MalformedXML")
    }

    @Test func legalHoldIsOnOrOff() throws {
        #expect(try ObjectLockRules().legalHold(of: LegalHold(status: "ON")))
        #expect(try ObjectLockRules().legalHold(of: LegalHold(status: "OFF")) == false)
        #expect(Self.code { try ObjectLockRules().legalHold(of: LegalHold(status: "abc")) } == "MalformedXML")
    }

    @Test func writeHeadersComeInPairs() throws {
        let rules = ObjectLockRules()
        let (retention, hold) = try rules.requested(mode: "GOVERNANCE", retainUntilDate: "2030-01-01T00:00:00.000Z", legalHold: "ON", now: Self.now)
        #expect(retention?.mode == .governance)
        #expect(hold)
        #expect(Self.code { try rules.requested(mode: "GOVERNANCE", retainUntilDate: nil, legalHold: nil, now: Self.now) } == "InvalidArgument")
        let future = "2030-01-01T00:00:00Z"
        #expect(Self.code { try rules.requested(mode: "LOCK", retainUntilDate: future, legalHold: nil, now: Self.now) } == "InvalidArgument")
        let past = "2020-01-01T00:00:00Z"
        #expect(Self.code { try rules.requested(mode: "COMPLIANCE", retainUntilDate: past, legalHold: nil, now: Self.now) } == "InvalidArgument")
        #expect(Self.code { try rules.requested(mode: nil, retainUntilDate: nil, legalHold: "YES", now: Self.now) } == "InvalidArgument")
    }

    /// The S3 error code thrown, or nil when accepted.
    private static func code(_ body: () throws -> some Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as S3Error {
            return error.code
        } catch {
            return "\(type(of: error))"
        }
    }
}
