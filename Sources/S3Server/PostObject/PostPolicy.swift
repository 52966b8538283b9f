import Foundation
import HTTPTypes
import S3Protocol

/// The policy document of a browser POST upload (base64 JSON): its expiration and the conditions every form field must
/// meet, checked as S3 and OBS check them. Field names compare without case; `bucket` is the bucket the form is posted to.
struct PostPolicy: Sendable {
    enum Condition: Sendable, Equatable {
        case equals(field: String, value: String)
        case startsWith(field: String, prefix: String)
        case contentLengthRange(min: Int64, max: Int64)
    }

    let expiration: Date
    let conditions: [Condition]

    /// - Throws: `InvalidPolicyDocument` for text that is not a policy.
    init(base64 text: String) throws {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw Self.invalid("Invalid Policy: Invalid JSON.") }
        guard let expiration = (json["expiration"] as? String).flatMap(Self.parseDate) else {
            throw Self.invalid("Invalid Policy: Policy missing expiration.")
        }
        guard let list = json["conditions"] as? [Any] else { throw Self.invalid("Invalid Policy: Policy missing conditions.") }
        self.expiration = expiration
        self.conditions = try list.flatMap(Self.conditions(from:))
    }

    /// The file's allowed size, from `content-length-range`.
    var lengthRange: ClosedRange<Int64>? {
        for case .contentLengthRange(let min, let max) in conditions { return min...max }
        return nil
    }

    /// Throws AccessDenied ("Invalid according to Policy: …") unless the policy is current and every condition holds.
    /// - Parameters:
    ///   - fields: the form's fields by lower-cased name, `bucket` included.
    ///   - exempt: field names that need no condition; `requireConditionForEachField` is S3's rule that every other field be
    ///     named by a condition (OBS has no such rule).
    func check(fields: [String: String], now: Date, exempt: (String) -> Bool, requireConditionForEachField: Bool) throws {
        if now > expiration { throw Self.denied("Policy expired.") }
        for condition in conditions {
            switch condition {
            case .equals(let field, let value):
                if fields[field] != value { throw Self.denied("Policy Condition failed: [\"eq\", \"$\(field)\", \"\(value)\"]") }
            case .startsWith(let field, let prefix):
                guard let value = fields[field], value.hasPrefix(prefix) else {
                    throw Self.denied("Policy Condition failed: [\"starts-with\", \"$\(field)\", \"\(prefix)\"]")
                }
            case .contentLengthRange:
                break  // checked on the file as it streams
            }
        }
        guard requireConditionForEachField else { return }
        let named = Set(conditions.compactMap(\.field))
        let extra = fields.keys.filter { !named.contains($0) && !exempt($0) && $0 != "bucket" }.sorted()
        if !extra.isEmpty { throw Self.denied("Extra input fields: \(extra.joined(separator: ", "))") }
    }

    private static func conditions(from item: Any) throws -> [Condition] {
        if let pairs = item as? [String: Any] {
            return try pairs.map { name, value in
                guard let text = value as? String else { throw invalid("Invalid Policy: Invalid Simple-Condition: value must be a string.") }
                return .equals(field: name.lowercased(), value: text)
            }
        }
        guard let list = item as? [Any], list.count == 3, let operation = (list[0] as? String)?.lowercased() else {
            throw invalid("Invalid Policy: Invalid Condition.")
        }
        if operation == "content-length-range" {
            guard let min = number(list[1]), let max = number(list[2]), min >= 0, min <= max else {
                throw invalid("Invalid Policy: Invalid content-length-range.")
            }
            return [.contentLengthRange(min: min, max: max)]
        }
        guard let reference = list[1] as? String, reference.hasPrefix("$"), let value = list[2] as? String else {
            throw invalid("Invalid Policy: Invalid Condition.")
        }
        let field = String(reference.dropFirst()).lowercased()
        switch operation {
        case "eq": return [.equals(field: field, value: value)]
        case "starts-with": return [.startsWith(field: field, prefix: value)]
        default: throw invalid("Invalid Policy: Invalid Condition: unknown operation \(operation).")
        }
    }

    private static func number(_ value: Any) -> Int64? {
        if let number = value as? NSNumber { return number.int64Value }
        return (value as? String).flatMap { Int64($0) }
    }

    /// ISO 8601 with or without fractional seconds (`2026-12-04T12:00:00.000Z`).
    private static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    static func denied(_ reason: String) -> S3Error {
        S3Error.accessDenied("Invalid according to Policy: \(reason)")
    }

    private static func invalid(_ message: String) -> S3Error {
        S3Error("InvalidPolicyDocument", status: .badRequest, message: message)
    }
}

extension PostPolicy.Condition {
    var field: String? {
        switch self {
        case .equals(let field, _), .startsWith(let field, _): field
        case .contentLengthRange: nil
        }
    }
}
