import Foundation
import XMLCoder

/// Decodes the XML documents of S3 requests, after checking them against their type's ``XMLLimits`` without recursion.
public enum RequestXML {
    /// Decodes a request document, checking its root element; any namespace (or none) is accepted.
    /// - Throws: `tooLarge` for a body over the size limit; `malformed` for anything but a well-formed document of that type
    ///   within its limits.
    public static func decode<T: RequestDocument>(_ type: T.Type, from body: [UInt8]) throws(RequestXMLError) -> T {
        guard body.count <= T.limits.maxBytes else {
            throw RequestXMLError(.tooLarge, "\(body.count) bytes, more than the \(T.limits.maxBytes) a \(T.rootElement) may have")
        }
        // Every S3 body is UTF-8: anything else is refused before any parser sees it.
        guard String(validating: body, as: UTF8.self) != nil else { throw RequestXMLError(.malformed, "the body is not UTF-8") }
        if let encoding = declaredEncoding(body), encoding != "utf-8", encoding != "utf8" {
            throw RequestXMLError(.malformed, "the declared encoding '\(encoding)' is not UTF-8")
        }
        let found = try rootElementName(of: body)
        guard found == T.rootElement else {
            throw RequestXMLError(.malformed, "root element is \(found), expected \(T.rootElement)")
        }
        try XMLShapeCheck.check(body, limits: T.limits)
        let data = Data(body)
        let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
        decoder.shouldProcessNamespaces = true
        do {
            return try decoder.decode(type, from: data)
        } catch {
            throw RequestXMLError(.malformed, String(describing: error))
        }
    }

    /// Like ``decode(_:from:)``, but an empty or blank body gives `nil` (S3 allows an absent `CreateBucketConfiguration`).
    public static func decodeIfPresent<T: RequestDocument>(_ type: T.Type, from body: [UInt8]) throws(RequestXMLError) -> T? {
        guard body.contains(where: { !isWhitespace($0) }) else { return nil }
        return try decode(type, from: body)
    }

    /// The local name of the root element. Refuses document type declarations, which S3 bodies never need and which would
    /// open the door to entity expansion.
    static func rootElementName(of bytes: [UInt8]) throws(RequestXMLError) -> String {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func skip(past terminator: String) throws(RequestXMLError) {
            let end = Array(terminator.utf8)
            while index < bytes.count, !bytes[index...].starts(with: end) { index += 1 }
            guard index < bytes.count else { throw RequestXMLError(.malformed, "unterminated markup") }
            index += end.count
        }
        while index < bytes.count {
            let rest = bytes[index...]
            if isWhitespace(bytes[index]) {
                index += 1
            } else if rest.starts(with: Array("<?".utf8)) {
                try skip(past: "?>")
            } else if rest.starts(with: Array("<!--".utf8)) {
                try skip(past: "-->")
            } else if rest.starts(with: Array("<!".utf8)) {
                throw RequestXMLError(.malformed, "document type declarations are not accepted")
            } else if bytes[index] == UInt8(ascii: "<") {
                let name = rest.dropFirst().prefix { !isWhitespace($0) && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ">") }
                let qualified = String(decoding: name, as: UTF8.self)
                guard !qualified.isEmpty else { break }
                return qualified.split(separator: ":").last.map(String.init) ?? qualified
            } else {
                break
            }
        }
        throw RequestXMLError(.malformed, "no root element")
    }

    /// The lower-cased `encoding` of the XML declaration, if the document starts with one that names it.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let declaration = String(decoding: bytes.prefix(200).prefix { $0 != UInt8(ascii: ">") }, as: UTF8.self).lowercased()
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
