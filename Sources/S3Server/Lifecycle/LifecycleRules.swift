import Foundation
import ObjectStore
import S3RequestXML

/// A bucket's lifecycle rules: checked as S3 checks a PutBucketLifecycleConfiguration, and asked which versions and
/// uploads are due. A day is 86,400 seconds of the lifecycle clock after the object's time.
struct LifecycleRules: Sendable {
    let configuration: LifecycleConfiguration

    /// - Throws: `MalformedXML`, `InvalidArgument` or `InvalidRequest` where S3 refuses the configuration; NotImplemented
    ///   for storage-class transitions, which obslab does not perform.
    init(validating configuration: LifecycleConfiguration) throws {
        guard !configuration.rules.isEmpty else { throw S3Error.malformedXML() }
        var ids: Set<String> = []
        for rule in configuration.rules {
            try Self.validate(rule)
            if let id = rule.id, !ids.insert(id).inserted {
                throw S3Error.invalidArgument("Rule ID must be unique. Found same ID for more than one rule", name: "ID", value: id)
            }
        }
        self.configuration = configuration
    }

    init(stored configuration: LifecycleConfiguration) {
        self.configuration = configuration
    }

    private static func validate(_ rule: LifecycleConfiguration.Rule) throws {
        guard rule.status == "Enabled" || rule.status == "Disabled" else { throw S3Error.malformedXML() }
        if let id = rule.id, id.count > 255 {
            throw S3Error.invalidArgument("ID length should not exceed allowed limit of 255", name: "ID", value: id)
        }
        if rule.prefix != nil && rule.filter != nil { throw S3Error.malformedXML() }
        if rule.transitions?.isEmpty == false || rule.noncurrentVersionTransitions?.isEmpty == false {
            throw S3Error.notImplemented("Lifecycle transitions between storage classes")
        }
        guard rule.expiration != nil || rule.noncurrentVersionExpiration != nil || rule.abortIncompleteMultipartUpload != nil else {
            throw S3Error.invalidRequest("At least one action needs to be specified in a rule")
        }
        if let expiration = rule.expiration {
            let given = [expiration.days != nil, expiration.date != nil, expiration.expiredObjectDeleteMarker != nil].filter { $0 }
            guard given.count == 1 else { throw S3Error.malformedXML() }
            if let days = expiration.days, days <= 0 {
                throw S3Error.invalidArgument("'Days' for Expiration action must be a positive integer", name: "Days", value: String(days))
            }
            if let date = expiration.date {
                guard let parsed = parseDate(date), Int(parsed.timeIntervalSince1970) % 86_400 == 0 else {
                    throw S3Error.invalidArgument("'Date' must be at midnight GMT", name: "Date", value: date)
                }
            }
            if expiration.expiredObjectDeleteMarker != nil, !tags(of: rule).isEmpty {
                throw S3Error.invalidRequest("ExpiredObjectDeleteMarker cannot be specified with object tags")
            }
        }
        if let days = rule.noncurrentVersionExpiration?.noncurrentDays, days <= 0 {
            throw S3Error.invalidArgument("'NoncurrentDays' in NoncurrentVersionExpiration action must be a positive integer", name: "NoncurrentDays")
        }
        if rule.noncurrentVersionExpiration != nil, rule.noncurrentVersionExpiration?.noncurrentDays == nil { throw S3Error.malformedXML() }
        if let abort = rule.abortIncompleteMultipartUpload {
            guard let days = abort.daysAfterInitiation, days > 0 else {
                throw S3Error.invalidArgument(
                    "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer",
                    name: "DaysAfterInitiation")
            }
            if !tags(of: rule).isEmpty {
                throw S3Error.invalidRequest("Tag-based filter cannot be used with AbortIncompleteMultipartUpload action")
            }
        }
    }

    var enabledRules: [LifecycleConfiguration.Rule] { configuration.rules.filter { $0.status == "Enabled" } }

    static func prefix(of rule: LifecycleConfiguration.Rule) -> String {
        rule.prefix ?? rule.filter?.prefix ?? rule.filter?.and?.prefix ?? ""
    }

    static func tags(of rule: LifecycleConfiguration.Rule) -> [Tagging.Tag] {
        (rule.filter?.tag.map { [$0] } ?? []) + (rule.filter?.and?.tags ?? [])
    }

    /// Whether the rule's filter selects this version: prefix, every tag, and the size bounds.
    static func selects(_ rule: LifecycleConfiguration.Rule, _ version: ObjectVersion) -> Bool {
        guard version.key.hasPrefix(prefix(of: rule)) else { return false }
        guard tags(of: rule).allSatisfy({ version.attributes.tags[$0.key] == $0.value }) else { return false }
        let greater = rule.filter?.objectSizeGreaterThan ?? rule.filter?.and?.objectSizeGreaterThan
        let less = rule.filter?.objectSizeLessThan ?? rule.filter?.and?.objectSizeLessThan
        if let greater, !(version.size > greater) { return false }
        if let less, !(version.size < less) { return false }
        return true
    }

    /// Whether `days` have passed between `since` and `now`.
    static func due(days: Int, since: Date, now: Date) -> Bool {
        now.timeIntervalSince(since) >= Double(days) * 86_400
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
