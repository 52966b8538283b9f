import Foundation
import S3Documents
import XMLCoder

/// Decodes the S3 documents of answers with XMLCoder (so entities such as `&amp;` come back as `&`), after checking the
/// root element and the nesting depth: XMLCoder decodes recursively, and an answer is not trusted to be shallow.
enum S3ClientXML {
    /// Deeper than any S3 document (a listing's `Contents/Owner/ID` is 4).
    static let maxDepth = 16

    /// - Throws: `S3ClientError` (`MalformedResponse`) for anything but a well-formed `Document`.
    static func decode<Document: S3Document & Decodable>(_ type: Document.Type, from body: [UInt8], status: Int = 200) throws -> Document {
        guard let root = rootElement(of: body), root.name == Document.rootElement, root.depth <= maxDepth else {
            throw S3ClientError.malformed("a body that is not a \(Document.rootElement) document", status: status)
        }
        let decoder = XMLDecoder(trimValueWhitespaces: false, removeWhitespaceElements: true)
        decoder.shouldProcessNamespaces = true
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        do {
            return try decoder.decode(type, from: Data(body))
        } catch {
            throw S3ClientError.malformed("a \(Document.rootElement) document (\(error))", status: status)
        }
    }

    /// S3 writes `2009-10-12T17:50:30.000Z`; some servers leave out the fraction.
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    /// The local name of the root element and the deepest nesting of elements, from a scan of the tags; nil when the
    /// body has no element or declares a document type (S3 answers never do; it would open the door to entity expansion).
    static func rootElement(of body: [UInt8]) -> (name: String, depth: Int)? {
        var name: String?
        var depth = 0
        var deepest = 0
        var index = 0
        while let open = body[index...].firstIndex(of: UInt8(ascii: "<")) {
            guard let close = body[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            let tag = body[(open + 1)..<close]
            index = close + 1
            switch tag.first {
            case UInt8(ascii: "?"):
                continue
            case UInt8(ascii: "!"):
                if tag.starts(with: Array("!DOCTYPE".utf8)) { return nil }
                // A comment or CDATA section may hold `>`: skip to its real end.
                let terminator = Array((tag.starts(with: Array("![CDATA[".utf8)) ? "]]>" : "-->").utf8)
                guard let end = firstRange(of: terminator, in: body, from: open) else { return nil }
                index = end
            case UInt8(ascii: "/"):
                depth -= 1
            default:
                if name == nil {
                    let qualified = String(decoding: tag.prefix { ![UInt8(ascii: " "), 9, 10, 13, UInt8(ascii: "/")].contains($0) }, as: UTF8.self)
                    name = qualified.split(separator: ":").last.map(String.init) ?? qualified
                }
                if tag.last != UInt8(ascii: "/") {
                    depth += 1
                    deepest = max(deepest, depth)
                }
            }
        }
        return name.map { ($0, deepest) }
    }

    /// The index just past the first occurrence of `needle` at or after `start`.
    private static func firstRange(of needle: [UInt8], in body: [UInt8], from start: Int) -> Int? {
        guard body.count >= needle.count else { return nil }
        var index = start
        while index + needle.count <= body.count {
            if body[index..<(index + needle.count)].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }
}
