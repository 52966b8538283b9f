import Foundation
import Synchronization

extension Sequence<UInt8> {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var result: [UInt8] = []
        for byte in self {
            result.append(digits[Int(byte >> 4)])
            result.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// Random identifiers for blobs, versions and uploads.
enum Identifiers {
    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hexString
    }

    /// Letters and digits, for access keys and secrets.
    static func randomAlphanumeric(count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet.randomElement(using: &generator)! })
    }

    /// 32 hex digits for a blob file name; the first two name its fan-out folder.
    static func blob() -> String { randomHex(bytes: 16) }

    static func upload() -> String { randomHex(bytes: 16) }

    /// The last (milliseconds, counter) handed out, so that ids made in the same millisecond still sort by creation.
    private static let lastVersionClock = Mutex<(milliseconds: UInt64, counter: UInt64)>((0, 0))

    /// Time-ordered: 12 hex digits of milliseconds since 1970, 4 of a counter within the millisecond, then 16 random ones.
    static func version(at date: Date) -> String {
        let now = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let (milliseconds, counter) = lastVersionClock.withLock { last in
            if now > last.milliseconds {
                last = (now, 0)
            } else if last.counter < 0xFFFF {
                last.counter += 1
            } else {
                last = (last.milliseconds + 1, 0)
            }
            return last
        }
        return padded(milliseconds, 12) + padded(counter, 4) + randomHex(bytes: 8)
    }

    /// "null" or the 32 lowercase hex digits `version(at:)` makes.
    static func isWellFormedVersion(_ id: String) -> Bool {
        id == "null" || (id.utf8.count == 32 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    }

    private static func padded(_ value: UInt64, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
