import Foundation
import LabelFormats
import Labeling
import ObslabAPI

/// The search conditions of sample attributes ("Sample Attribute"), origin ("Data Attribute") and time ("Sample
/// Creation Time").
extension ModelArtsAPI {
    /// `import_origin`: `all` (or empty: no filter), `inference` (or 1) for the samples from inference, `obs` (or 0)
    /// for the others.
    static func importOrigin(_ value: JSONValue, field: String) throws -> Bool? {
        switch value.propertyString.lowercased() {
        case "", "all": return nil
        case "inference", "1": return true
        case "obs", "0": return false
        case let other: throw ModelArtsError.invalidParameter(field, "must be all, inference or obs, not \(other)")
        }
    }

    /// `metadata`, ModelArts `SearchProp`: `props` maps attribute names to the values to match (null or an empty list:
    /// any value); `op` `AND` (the default) needs every attribute to match, `OR` one of them.
    static func attributeMatch(_ value: JSONValue, field: String) throws -> SampleFilter.AttributeMatch? {
        guard case .object(let members) = value else { throw ModelArtsError.invalidParameter(field, "must be a JSON object") }
        for key in members.keys.sorted() where !["op", "props"].contains(key) {
            throw ModelArtsError.invalidParameter("\(field).\(key)", "is not a member of a sample attribute search (op, props)")
        }
        var values: [String: [String]] = [:]
        switch members["props"] {
        case nil, .null?:
            break
        case .object(let props)?:
            for (name, list) in props {
                let path = "\(field).props.\(name)"
                switch list {
                case .null: values[name] = []
                case .array(let items):
                    values[name] = try items.map { item in
                        guard let text = item.stringValue else { throw ModelArtsError.invalidParameter(path, "must be a list of strings") }
                        return text
                    }
                default: throw ModelArtsError.invalidParameter(path, "must be a list of values")
                }
            }
        default:
            throw ModelArtsError.invalidParameter("\(field).props", "must be an object of attribute names to lists of values")
        }
        guard !values.isEmpty else { return nil }
        switch members["op"].flatMap(\.stringValue)?.uppercased() {
        case nil, "AND": return SampleFilter.AttributeMatch(values: values, all: true)
        case "OR": return SampleFilter.AttributeMatch(values: values, all: false)
        case let other?: throw ModelArtsError.invalidParameter("\(field).op", "must be AND or OR, not \(other)")
        }
    }

    /// The most days a `yyyyMMdd-yyyyMMdd` range may span, as ModelArts documents it.
    static let maxSampleTimeDays = 30

    /// `sample_time`, as `[start, end)` in UTC: `day` from yesterday's start, `month` from the start of the day 30 days
    /// ago, both until now; `yyyyMMdd-yyyyMMdd` from the first day's start to the end of the last (at most 30 days).
    static func sampleTime(_ text: String, field: String, now: Date) throws -> (Date, Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        let end = now.addingTimeInterval(1)
        switch text.lowercased() {
        case "day": return (calendar.date(byAdding: .day, value: -1, to: today)!, end)
        case "month": return (calendar.date(byAdding: .day, value: -maxSampleTimeDays, to: today)!, end)
        default: break
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = calendar.timeZone
        formatter.dateFormat = "yyyyMMdd"
        guard parts.count == 2, parts.allSatisfy({ $0.count == 8 }),
            let first = formatter.date(from: String(parts[0])), let last = formatter.date(from: String(parts[1]))
        else {
            throw ModelArtsError.invalidParameter(field, "must be day, month or a range of days yyyyMMdd-yyyyMMdd, not \(text)")
        }
        guard first <= last else { throw ModelArtsError.invalidParameter(field, "starts after it ends: \(text)") }
        let days = calendar.dateComponents([.day], from: first, to: last).day ?? 0
        guard days < maxSampleTimeDays else {
            throw ModelArtsError.invalidParameter(field, "spans \(days + 1) days: a range is at most \(maxSampleTimeDays) days")
        }
        return (first, calendar.date(byAdding: .day, value: 1, to: last)!)
    }
}
