import Foundation
import S3Documents
import XMLCoder
import XMLStream

/// Decodes the S3 documents of answers with XMLCoder (so entities such as `&amp;` come back as `&`), after checking that
/// it is well-formed, its root element and its nesting depth: XMLCoder decodes recursively (and Foundation's parser under
/// it crashes on some malformed documents), and an answer is not trusted.
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

    /// The local name of the root element and the deepest nesting of elements, read by libxml2 without recursion; nil when
    /// the body is not well-formed or declares a document type (S3 answers never do).
    static func rootElement(of body: [UInt8]) -> (name: String, depth: Int)? {
        var name: String?
        var depth = 0
        var deepest = 0
        do {
            try XMLStream.read(body) { event in
                switch event.kind {
                case .start(_, let localName):
                    if name == nil { name = localName }
                    depth += 1
                    deepest = max(deepest, depth)
                    // Past the limit the rest does not matter: the caller refuses the body.
                    return deepest > maxDepth ? .stop : .proceed
                case .end:
                    depth -= 1
                case .text:
                    break
                }
                return .proceed
            }
        } catch {
            return nil
        }
        return name.map { ($0, deepest) }
    }
}
