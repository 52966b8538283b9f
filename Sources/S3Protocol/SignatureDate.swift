#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The date formats of S3 signatures (`x-amz-date`, the RFC 1123 `Date` header), parsed and printed by hand.
public enum SignatureDate {
    /// Parses the SigV4 timestamp form `20130524T000000Z`.
    public static func parseAmzDate(_ string: String) -> Date? {
        let bytes = Array(string.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z"),
            let year = number(bytes[0..<4]), let month = number(bytes[4..<6]), let day = number(bytes[6..<8]),
            let hour = number(bytes[9..<11]), let minute = number(bytes[11..<13]), let second = number(bytes[13..<15])
        else { return nil }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: 0)
    }

    /// Parses an RFC 1123 date such as `Tue, 27 Mar 2007 19:36:42 +0000` or `... GMT`; the weekday is optional.
    public static func parseRFC1123(_ string: String) -> Date? {
        var fields = string.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let first = fields.first, first.hasSuffix(",") { fields.removeFirst() }
        guard fields.count == 5, let day = Int(fields[0]), let month = months.firstIndex(of: fields[1].lowercased()),
            let year = Int(fields[2])
        else { return nil }
        let time = fields[3].split(separator: ":")
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]) else { return nil }
        let offset: Int
        switch fields[4].uppercased() {
        case "GMT", "UTC", "UT", "Z":
            offset = 0
        case let zone where zone.count == 5 && (zone.hasPrefix("+") || zone.hasPrefix("-")):
            guard let hours = Int(zone.dropFirst().prefix(2)), let minutes = Int(zone.suffix(2)) else { return nil }
            offset = (zone.hasPrefix("-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        return makeDate(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    /// Prints the SigV4 timestamp form `20130524T000000Z`.
    public static func amzDate(_ date: Date) -> String {
        let (year, month, day, hour, minute, second) = components(date)
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2) + "Z"
    }

    /// Prints the ISO 8601 form S3 uses in XML, `2013-05-24T00:00:00Z`.
    public static func iso8601(_ date: Date) -> String {
        let (year, month, day, hour, minute, second) = components(date)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A date of a 4-digit year, as HTTP and SigV4 write them (a larger year overflowed the arithmetic below: found by
    /// fuzzing a SigV2 `Date` header).
    private static func makeDate(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetSeconds: Int) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    private static func components(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        var days = total / 86400
        var secondsOfDay = total % 86400
        if secondsOfDay < 0 {
            secondsOfDay += 86400
            days -= 1
        }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day, secondsOfDay / 3600, secondsOfDay % 3600 / 60, secondsOfDay % 60)
    }
}
