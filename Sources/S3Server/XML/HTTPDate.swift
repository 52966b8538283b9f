import Foundation

/// The two date formats S3 writes: ISO 8601 with milliseconds in XML bodies, RFC 1123 in HTTP headers
/// (`SignatureDate.parseRFC1123` reads the latter back, conditional headers included).
///
/// Formatted by hand from the Unix time, so the output never depends on a locale, a calendar or a shared formatter.
enum HTTPDate {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2026-11-29T19:09:53.000Z`, as in `LastModified` elements.
    static func iso8601(_ date: Date) -> String {
        let milliseconds = milliseconds(since1970: date)
        let time = CivilTime(secondsSince1970: floorDivide(milliseconds, 1000))
        let fraction = floorModulo(milliseconds, 1000)
        return "\(pad(time.year, 4))-\(pad(time.month, 2))-\(pad(time.day, 2))T"
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2)).\(pad(Int(fraction), 3))Z"
    }

    /// `Fri, 29 Nov 2026 19:09:53 GMT`, as in the `Last-Modified` header.
    static func rfc1123(_ date: Date) -> String {
        let time = CivilTime(secondsSince1970: floorDivide(milliseconds(since1970: date), 1000))
        return "\(weekdays[time.weekday]), \(pad(time.day, 2)) \(months[time.month - 1]) \(pad(time.year, 4)) "
            + "\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2)) GMT"
    }

    /// Parses `2026-11-29T19:09:53Z` or `2026-11-29T19:09:53.123Z` (any number of fraction digits, UTC only).
    static func parseISO8601(_ string: String) -> Date? {
        let bytes = Array(string.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"),
            bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10]),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19])
        else { return nil }
        var fraction = 0.0
        if bytes.count > 20 {
            let digits = bytes[19..<(bytes.count - 1)]
            guard digits.first == UInt8(ascii: "."), digits.count > 1, let value = number(digits.dropFirst()) else { return nil }
            fraction = Double(value) / pow(10, Double(digits.count - 1))
        } else if bytes.count != 20 {
            return nil
        }
        guard let seconds = secondsSince1970(year, month, day, hour, minute, second) else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func milliseconds(since1970 date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    private static func secondsSince1970(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second)
        else { return nil }
        let days = CivilTime.days(year: year, month: month, day: day)
        guard CivilTime(secondsSince1970: days * 86_400).day == day else { return nil }
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    /// A UTC date and time split into fields, by Howard Hinnant's days-from-civil algorithms.
    private struct CivilTime {
        var year: Int
        var month: Int
        var day: Int
        var hour: Int
        var minute: Int
        var second: Int
        /// 0 is Sunday.
        var weekday: Int

        init(secondsSince1970 seconds: Int64) {
            let days = HTTPDate.floorDivide(seconds, 86_400)
            let secondOfDay = Int(HTTPDate.floorModulo(seconds, 86_400))
            hour = secondOfDay / 3600
            minute = secondOfDay % 3600 / 60
            second = secondOfDay % 60
            weekday = Int(HTTPDate.floorModulo(days + 4, 7))
            let shifted = days + 719_468
            let era = HTTPDate.floorDivide(shifted, 146_097)
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let shiftedMonth = (5 * dayOfYear + 2) / 153
            day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
            month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
            year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        }

        static func days(year: Int, month: Int, day: Int) -> Int64 {
            let year = Int64(month <= 2 ? year - 1 : year)
            let era = HTTPDate.floorDivide(year, 400)
            let yearOfEra = year - era * 400
            let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }
    }
}
