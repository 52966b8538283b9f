import Foundation

/// One condition of a statement: an operator, a key of the request context and the values it is compared with,
/// as in `"StringEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}`.
public struct PolicyCondition: Sendable, Hashable {
    /// How values compare; the negated forms hold when no value matches.
    enum Comparison: String, Sendable, Hashable, CaseIterable {
        case stringEquals = "StringEquals"
        case stringNotEquals = "StringNotEquals"
        case stringEqualsIgnoreCase = "StringEqualsIgnoreCase"
        case stringNotEqualsIgnoreCase = "StringNotEqualsIgnoreCase"
        case stringLike = "StringLike"
        case stringNotLike = "StringNotLike"
        case numericEquals = "NumericEquals"
        case numericNotEquals = "NumericNotEquals"
        case numericLessThan = "NumericLessThan"
        case numericLessThanEquals = "NumericLessThanEquals"
        case numericGreaterThan = "NumericGreaterThan"
        case numericGreaterThanEquals = "NumericGreaterThanEquals"
        case dateEquals = "DateEquals"
        case dateNotEquals = "DateNotEquals"
        case dateLessThan = "DateLessThan"
        case dateLessThanEquals = "DateLessThanEquals"
        case dateGreaterThan = "DateGreaterThan"
        case dateGreaterThanEquals = "DateGreaterThanEquals"
        case bool = "Bool"
        case ipAddress = "IpAddress"
        case notIpAddress = "NotIpAddress"
        case arnEquals = "ArnEquals"
        case arnNotEquals = "ArnNotEquals"
        case arnLike = "ArnLike"
        case arnNotLike = "ArnNotLike"
        case null = "Null"

        var isNegated: Bool {
            switch self {
            case .stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .numericNotEquals, .dateNotEquals, .notIpAddress,
                .arnNotEquals, .arnNotLike:
                true
            default:
                false
            }
        }

        /// The positive comparison a negated one negates.
        var positive: Comparison {
            switch self {
            case .stringNotEquals: .stringEquals
            case .stringNotEqualsIgnoreCase: .stringEqualsIgnoreCase
            case .stringNotLike: .stringLike
            case .numericNotEquals: .numericEquals
            case .dateNotEquals: .dateEquals
            case .notIpAddress: .ipAddress
            case .arnNotEquals: .arnEquals
            case .arnNotLike: .arnLike
            default: self
            }
        }
    }

    /// `ForAnyValue:` / `ForAllValues:` before the operator, for keys with several values.
    enum SetQualifier: String, Sendable, Hashable {
        case forAnyValue = "ForAnyValue"
        case forAllValues = "ForAllValues"
    }

    /// The operator as written (`StringNotEqualsIfExists`), for explanations.
    public let operatorName: String
    let comparison: Comparison
    let ifExists: Bool
    let qualifier: SetQualifier?
    /// The key as written (`s3:x-amz-server-side-encryption`); compared without regard to case.
    public let key: String
    public let values: [String]
    /// Whether `${…}` in the values are policy variables (policies of version 2012-10-17).
    let usesVariables: Bool

    /// Whether the condition holds for the request context `context` (keys in lower case).
    func holds(in context: ConditionContext) -> Bool {
        let present = context.values(for: key)
        if comparison == .null {
            // "true": the key must be absent; "false": present.
            return values.contains { ($0.lowercased() == "true") == present.isEmpty }
        }
        if present.isEmpty {
            if ifExists || qualifier == .forAllValues { return true }
            if qualifier == .forAnyValue { return false }
            // A negated operator holds for a key the request does not have: nothing there equals the values.
            return comparison.isNegated
        }
        let expected = values.map { usesVariables && comparison.positive.isStringLike ? context.substitutingVariables(in: $0) : $0 }
        let matches = { (value: String) in expected.contains { Self.compare(value, $0, comparison.positive) } }
        switch qualifier {
        case .forAllValues:
            return present.allSatisfy { comparison.isNegated ? !matches($0) : matches($0) }
        case .forAnyValue, nil:
            let any = present.contains(where: matches)
            return comparison.isNegated ? !any : any
        }
    }

    /// One request value against one policy value, by a positive comparison.
    static func compare(_ value: String, _ expected: String, _ comparison: Comparison) -> Bool {
        switch comparison {
        case .stringEquals, .arnEquals: return value == expected
        case .stringEqualsIgnoreCase: return value.lowercased() == expected.lowercased()
        case .stringLike, .arnLike: return WildcardPattern(expected).matches(value)
        case .bool: return value.lowercased() == expected.lowercased()
        case .ipAddress: return IPAddressRange(expected)?.contains(value) ?? false
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan, .numericGreaterThanEquals:
            guard let lhs = Double(value), let rhs = Double(expected) else { return false }
            return order(lhs, rhs, comparison)
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let lhs = parseDate(value), let rhs = parseDate(expected) else { return false }
            return order(lhs, rhs, comparison)
        default:
            return false
        }
    }

    private static func order<T: Comparable>(_ lhs: T, _ rhs: T, _ comparison: Comparison) -> Bool {
        switch comparison {
        case .numericLessThan, .dateLessThan: lhs < rhs
        case .numericLessThanEquals, .dateLessThanEquals: lhs <= rhs
        case .numericGreaterThan, .dateGreaterThan: lhs > rhs
        case .numericGreaterThanEquals, .dateGreaterThanEquals: lhs >= rhs
        default: lhs == rhs
        }
    }

    /// An ISO 8601 date-time (`2025-01-01T00:00:00Z`), a date (`2025-01-01`), or seconds since 1970, as IAM takes them.
    static func parseDate(_ text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = ISO8601DateFormatter().date(from: text) ?? withFraction.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}

extension PolicyCondition.Comparison {
    /// String comparisons take policy variables (`${aws:username}`) in their values.
    var isStringLike: Bool {
        switch self {
        case .stringEquals, .stringEqualsIgnoreCase, .stringLike, .arnEquals, .arnLike: true
        default: false
        }
    }
}
