/// Percent-encoding as S3 signatures define it (`UriEncode` in the SigV4 documentation).
public enum PercentEncoding {
    /// Encodes every byte except the unreserved `A-Z a-z 0-9 - . _ ~` (and `/` unless `encodeSlash`), with upper-case hex.
    public static func uriEncode(_ string: some StringProtocol, encodeSlash: Bool = true) -> String {
        var out = [UInt8]()
        out.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if isUnreserved(byte) || (byte == UInt8(ascii: "/") && !encodeSlash) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigitsUpper[Int(byte >> 4)])
                out.append(hexDigitsUpper[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes; a malformed escape is kept literally. Invalid UTF-8 is repaired.
    public static func decode(_ string: String, plusAsSpace: Bool = false) -> String {
        decode(Substring(string), plusAsSpace: plusAsSpace)
    }

    /// Decodes `%XX` escapes; a malformed escape is kept literally. Invalid UTF-8 is repaired.
    /// (Concrete `String` and `Substring` rather than `some StringProtocol`: a generic call from another module walks the
    /// bytes through protocol witnesses, which cost a GET several percent of its time.)
    public static func decode(_ string: Substring, plusAsSpace: Bool = false) -> String {
        guard needsDecoding(string, plusAsSpace: plusAsSpace) else { return String(string) }
        return String(decoding: decodedBytes(string, plusAsSpace: plusAsSpace, strict: false) ?? [], as: UTF8.self)
    }

    /// Decodes `%XX` escapes, or nil when one is malformed or the bytes are not UTF-8: a URI S3 cannot parse.
    public static func strictDecode(_ string: String, plusAsSpace: Bool = false) -> String? {
        strictDecode(Substring(string), plusAsSpace: plusAsSpace)
    }

    /// Decodes `%XX` escapes, or nil when one is malformed or the bytes are not UTF-8: a URI S3 cannot parse.
    public static func strictDecode(_ string: Substring, plusAsSpace: Bool = false) -> String? {
        guard needsDecoding(string, plusAsSpace: plusAsSpace) else { return String(string) }
        return decodedBytes(string, plusAsSpace: plusAsSpace, strict: true).flatMap { String(validating: $0, as: UTF8.self) }
    }

    private static func needsDecoding(_ string: Substring, plusAsSpace: Bool) -> Bool {
        string.utf8.contains { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }
    }

    /// The bytes `string` stands for; nil for a malformed escape when `strict`, which otherwise keeps it as it is.
    private static func decodedBytes(_ string: Substring, plusAsSpace: Bool, strict: Bool) -> [UInt8]? {
        let utf8 = Array(string.utf8)
        var out = [UInt8]()
        out.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                if index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
                if strict { return nil }
            }
            out.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return out
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

let hexDigitsUpper = Array("0123456789ABCDEF".utf8)
let hexDigitsLower = Array("0123456789abcdef".utf8)

@inline(__always)
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// Lower-case hex of some bytes, as SigV4 prints digests and signatures.
func hexEncoded(_ bytes: some Sequence<UInt8>) -> String {
    var out = [UInt8]()
    for byte in bytes {
        out.append(hexDigitsLower[Int(byte >> 4)])
        out.append(hexDigitsLower[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Compares two strings in time that depends only on their lengths, so a signature cannot be guessed byte by byte.
func constantTimeEquals(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
    let left = Array(lhs.utf8)
    let right = Array(rhs.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices {
        difference |= left[index] ^ right[index]
    }
    return difference == 0
}
