import Foundation
import S3RequestXML
import Testing

@testable import S3Server

/// Lifecycle rules as S3 checks them, and which versions their filters select.
struct LifecycleRulesTests {
    typealias Rule = LifecycleConfiguration.Rule

    @Test(arguments: [
        Rule(id: "a", status: "Enabled"),
        Rule(id: "a", status: "On", expiration: .init(days: 1)),
        Rule(id: "a", status: "Enabled", expiration: .init(days: 0)),
        Rule(id: "a", status: "Enabled", expiration: .init(days: 1, date: "2030-01-01T00:00:00Z")),
        Rule(id: "a", status: "Enabled", expiration: .init(date: "2030-01-01T12:00:00Z")),
        Rule(id: "a", prefix: "x", filter: .init(prefix: "y"), status: "Enabled", expiration: .init(days: 1)),
        Rule(
            id: "a", filter: .init(tag: .init(key: "k", value: "v")), status: "Enabled", abortIncompleteMultipartUpload: .init(daysAfterInitiation: 1)
        ),
    ])
    func refusedRules(rule: Rule) {
        #expect(throws: S3Error.self) { try LifecycleRules(validating: LifecycleConfiguration(rules: [rule])) }
    }

    @Test func duplicateIdsAreRefused() {
        let rule = Rule(id: "same", status: "Enabled", expiration: .init(days: 1))
        #expect(throws: S3Error.self) { try LifecycleRules(validating: LifecycleConfiguration(rules: [rule, rule])) }
    }

    @Test func dueCountsWholeDaysOfTheClock() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        #expect(!LifecycleRules.due(days: 2, since: start, now: start.addingTimeInterval(2 * 86_400 - 1)))
        #expect(LifecycleRules.due(days: 2, since: start, now: start.addingTimeInterval(2 * 86_400)))
    }

    @Test func prefixComesFromTheRuleOrItsFilter() {
        #expect(LifecycleRules.prefix(of: Rule(prefix: "logs/", status: "Enabled")) == "logs/")
        #expect(LifecycleRules.prefix(of: Rule(filter: .init(prefix: "tmp/"), status: "Enabled")) == "tmp/")
        #expect(LifecycleRules.prefix(of: Rule(status: "Enabled")) == "")
    }
}
