import Foundation

/// Decoding and line splitting shared by the text formats.
enum TextLines {
    /// The bytes as UTF-8 text, without a leading byte order mark; with `allowingGBK`, text that is not UTF-8 may be GBK
    /// (read as GB 18030, its superset), as ModelArts accepts for text classification files.
    static func decode(_ bytes: some DataProtocol, allowingGBK: Bool = false) throws(FormatError) -> String {
        var data = Array(bytes)
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            data.removeFirst(3)
        }
        if let text = String(validating: data, as: UTF8.self) {
            return text
        }
        if allowingGBK, let text = String(data: Data(data), encoding: Self.gb18030) {
            return text
        }
        let reason = allowingGBK ? "the file is neither UTF-8 nor GBK text" : "the file is not UTF-8 text"
        throw FormatError(.notUTF8, position: Self.firstInvalidByte(in: data), reason: reason)
    }

    /// `kCFStringEncodingGB_18030_2000` as a Foundation encoding.
    private static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The lines of `text` split at LF or CRLF; the empty piece after a final line break is not a line.
    static func split(_ text: String) -> [Substring] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            Substring(line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
        }
        if lines.last?.isEmpty == true {
            lines.removeLast()
        }
        return lines
    }

    /// White space, and U+FEFF: the byte order mark that a file pasted or concatenated after another carries into a
    /// line, where it would make an invisible difference between two names.
    static func trim(_ text: some StringProtocol) -> String {
        text.trimmingCharacters(in: Self.trimmed)
    }

    private static let trimmed = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}"))

    /// Checks that `text` survives being written to a line-based or XML file and read back trimmed.
    static func checkWritable(_ text: String, what: String, position: String, allowEmpty: Bool = false) throws(FormatError) {
        guard allowEmpty || !text.isEmpty else {
            throw FormatError(.notRepresentable, position: position, reason: "\(what) is empty")
        }
        guard Self.trim(text) == text else {
            throw FormatError(.notRepresentable, position: position, reason: "\(what) '\(text)' starts or ends with white space")
        }
        if let bad = text.unicodeScalars.first(where: { !Self.isWritable($0) }) {
            let code = String(bad.value, radix: 16, uppercase: true)
            throw FormatError(.notRepresentable, position: position, reason: "\(what) '\(text)' contains the control character U+\(code)")
        }
    }

    /// Characters allowed in XML 1.0 text, minus the line and tab characters that line formats cannot hold.
    private static func isWritable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xFEFF: false  // read as a byte order mark at the start of a file, and trimmed elsewhere
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
            scalar.properties.generalCategory != .lineSeparator
                && scalar.properties.generalCategory != .paragraphSeparator
        default: false
        }
    }

    /// `line N, byte M` of the first byte that is not UTF-8.
    private static func firstInvalidByte(in data: [UInt8]) -> String {
        let end = Self.validPrefixEnd(data)
        let line = data[..<end].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return "line \(line), byte \(end + 1)"
    }

    /// The length of the longest prefix of `data` that is valid UTF-8.
    private static func validPrefixEnd(_ data: [UInt8]) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var end = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): end += UTF8.width(scalar)
            case .emptyInput, .error: return end
            }
        }
    }
}
