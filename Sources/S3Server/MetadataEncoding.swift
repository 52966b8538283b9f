import Foundation

/// User metadata values beyond US-ASCII, as S3 documents them: a value sent as an RFC 2047 encoded word is decoded
/// before it is stored, and a stored value with non-ASCII characters is returned as an RFC 2047 encoded word
/// (`=?UTF-8?B?…?=`), since HTTP clients read header bytes as ISO-8859-1 and would turn raw UTF-8 into mojibake.
enum MetadataEncoding {
    /// The value to store: RFC 2047 encoded words (`=?charset?B|Q?text?=`, UTF-8 or ISO-8859-1) decoded, anything else
    /// as sent.
    static func decode(_ value: String) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: true)
        guard !words.isEmpty else { return value }
        var decoded = ""
        for word in words {
            guard let text = decodeWord(word) else { return value }
            decoded += text
        }
        return decoded
    }

    /// The header value to send: ASCII as is, anything else as one base64 encoded word.
    static func encode(_ value: String) -> String {
        guard !value.unicodeScalars.allSatisfy(\.isASCII) else { return value }
        return "=?UTF-8?B?\(Data(value.utf8).base64EncodedString())?="
    }

    private static func decodeWord(_ word: Substring) -> String? {
        guard word.hasPrefix("=?"), word.hasSuffix("?="), word.count > 4 else { return nil }
        let parts = word.dropFirst(2).dropLast(2).split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let encoding: String.Encoding
        switch parts[0].lowercased() {
        case "utf-8": encoding = .utf8
        case "iso-8859-1": encoding = .isoLatin1
        default: return nil
        }
        let bytes: Data?
        switch parts[1].uppercased() {
        case "B": bytes = Data(base64Encoded: String(parts[2]))
        case "Q": bytes = quotedPrintable(parts[2])
        default: return nil
        }
        return bytes.flatMap { String(data: $0, encoding: encoding) }
    }

    /// RFC 2047's "Q" encoding: `_` is a space, `=XX` a byte in hex.
    private static func quotedPrintable(_ text: Substring) -> Data? {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "_" {
                bytes.append(0x20)
            } else if character == "=" {
                let end = text.index(index, offsetBy: 3, limitedBy: text.endIndex) ?? text.endIndex
                guard text.distance(from: index, to: end) == 3, let byte = UInt8(text[text.index(after: index)..<end], radix: 16) else {
                    return nil
                }
                bytes.append(byte)
                index = end
                continue
            } else {
                guard let ascii = character.asciiValue else { return nil }
                bytes.append(ascii)
            }
            index = text.index(after: index)
        }
        return Data(bytes)
    }
}
