import Foundation
import HTTPTypes
import ObjectStore
import S3RequestXML

/// How S3 (and OBS, for its WORM) reads Object Lock documents and headers, with the error S3 gives for each mistake.
/// Pure: the handlers apply what it returns.
struct ObjectLockRules: Sendable {
    /// The request's dialect: OBS names a malformed lock document `MalformedObjectLockError`.
    var dialect: Dialect = .s3

    /// S3 bounds a default retention to 100 years (36500 days).
    static let maxDays = 36_500
    static let maxYears = 100

    /// The bucket configuration a PutObjectLockConfiguration asks for.
    func configuration(of document: ObjectLockConfiguration) throws -> BucketObjectLock {
        guard document.objectLockEnabled == "Enabled" else { throw malformed() }
        guard let rule = document.rule else { return BucketObjectLock() }
        guard let retention = rule.defaultRetention, let mode = documentMode(retention.mode) else {
            throw malformed()
        }
        switch (retention.days, retention.years) {
        case (let days?, nil):
            try Self.checkPeriod(days, limit: Self.maxDays)
        case (nil, let years?):
            try Self.checkPeriod(years, limit: Self.maxYears)
        default:
            throw malformed()  // both, or neither
        }
        return BucketObjectLock(defaultRetention: .init(mode: mode, days: retention.days, years: retention.years))
    }

    /// The document GetObjectLockConfiguration answers.
    static func document(of configuration: BucketObjectLock) -> ObjectLockConfiguration {
        let rule = configuration.defaultRetention.map {
            ObjectLockConfiguration.Rule(defaultRetention: .init(mode: $0.mode.rawValue, days: $0.days, years: $0.years))
        }
        return ObjectLockConfiguration(objectLockEnabled: "Enabled", rule: rule)
    }

    /// The retention a PutObjectRetention asks for at `now`; nil (an empty `Retention`) removes it.
    func retention(of document: Retention, now: Date) throws -> ObjectRetention? {
        switch (document.mode, document.retainUntilDate) {
        case (nil, nil):
            return nil
        case (let modeName?, let dateText?):
            guard let mode = documentMode(modeName), let date = Self.parseDate(dateText) else { throw malformed() }
            guard date > now else { throw S3Error.invalidRequest("The retain until date must be in the future!") }
            return ObjectRetention(mode: mode, retainUntil: date)
        default:
            throw malformed()
        }
    }

    /// Whether a PutObjectLegalHold places (`ON`) or removes (`OFF`) the hold.
    func legalHold(of document: LegalHold) throws -> Bool {
        switch document.status {
        case "ON": return true
        case "OFF": return false
        default: throw malformed()
        }
    }

    /// The retention and legal hold a write asks for with `x-amz-object-lock-mode`, `-retain-until-date` and `-legal-hold`.
    func requested(mode: String?, retainUntilDate: String?, legalHold: String?, now: Date) throws -> (ObjectRetention?, Bool) {
        var hold = false
        if let legalHold {
            guard legalHold == "ON" || legalHold == "OFF" else {
                throw S3Error.invalidArgument("Legal Hold must be either of 'ON' or 'OFF'", name: "x-amz-object-lock-legal-hold", value: legalHold)
            }
            hold = legalHold == "ON"
        }
        switch (mode, retainUntilDate) {
        case (nil, nil):
            return (nil, hold)
        case (let modeName?, let dateText?):
            guard let mode = ObjectLockMode(rawValue: modeName) else {
                throw S3Error.invalidArgument("Unknown wormMode directive.", name: "x-amz-object-lock-mode", value: modeName)
            }
            guard let date = Self.parseDate(dateText) else {
                throw S3Error.invalidArgument(
                    "The retain until date is not a valid ISO 8601 date.",
                    name: "x-amz-object-lock-retain-until-date",
                    value: dateText
                )
            }
            guard date > now else {
                throw S3Error.invalidArgument(
                    "The retain until date must be in the future!",
                    name: "x-amz-object-lock-retain-until-date",
                    value: dateText
                )
            }
            return (ObjectRetention(mode: mode, retainUntil: date), hold)
        default:
            throw S3Error.invalidArgument("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied")
        }
    }

    /// An ISO 8601 date in UTC (`2030-01-01T00:00:00Z`, with or without a fraction), or OBS's milliseconds since 1970.
    static func parseDate(_ text: String) -> Date? {
        if !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let milliseconds = Int64(text) {
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        return HTTPDate.parseISO8601(text)
    }

    private static func checkPeriod(_ value: Int, limit: Int) throws {
        guard value > 0 else {
            throw S3Error("InvalidRetentionPeriod", status: .badRequest, message: "Default retention period must be a positive integer value.")
        }
        guard value <= limit else {
            throw S3Error("InvalidRetentionPeriod", status: .badRequest, message: "Default retention period is too large.")
        }
    }

    /// A mode a document names: OBS's WORM knows only COMPLIANCE.
    private func documentMode(_ name: String?) -> ObjectLockMode? {
        guard let mode = name.flatMap(ObjectLockMode.init(rawValue:)) else { return nil }
        return dialect == .obs && mode != .compliance ? nil : mode
    }

    private func malformed() -> S3Error {
        guard dialect == .obs else { return S3Error.malformedXML() }
        return S3Error(
            "MalformedObjectLockError",
            status: .badRequest,
            message: "The XML you provided was not well-formed or did not validate against our published schema."
        )
    }
}
