import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: its name, its text, its children. Small enough for label files.
final class XMLTree {
    let name: String
    var text = ""
    var children: [XMLTree] = []

    init(name: String) {
        self.name = name
    }

    /// The first child named `name`.
    func child(_ name: String) -> XMLTree? {
        self.children.first { $0.name == name }
    }

    /// The text with surrounding white space removed.
    var trimmedText: String { TextLines.trim(self.text) }

    var isLeaf: Bool { self.children.isEmpty }

    /// Parses a whole document; XML that is not well-formed, or not UTF-8 (nor declared Latin-1), is fatal.
    static func parse(_ bytes: some DataProtocol) throws(FormatError) -> XMLTree {
        let data = try Self.utf8Document(Array(bytes))
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        let success = parser.parse()
        // On Linux `parse()` may return true after libxml2 recovered from an error: the first reported error decides.
        guard success, builder.firstError == nil, parser.parserError == nil, let root = builder.root else {
            let line = builder.firstError?.line ?? parser.lineNumber
            let column = builder.firstError?.column ?? parser.columnNumber
            let code = builder.firstError?.code ?? (parser.parserError as? NSError)?.code ?? 0
            let blank = data.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            let reason = blank ? "the file is empty" : "not well-formed XML (XML parser error \(code))"
            throw FormatError(.notXML, position: "line \(line), column \(column)", reason: reason)
        }
        return root
    }

    /// The document as UTF-8, the only encoding handed to the parser: FoundationXML on Linux crashes on element names
    /// that libxml2 passes on undecoded after an encoding error. A declared Latin-1 document is converted here.
    private static func utf8Document(_ bytes: [UInt8]) throws(FormatError) -> Data {
        let encoding = Self.declaredEncoding(bytes)
        switch encoding {
        case nil, "utf-8", "utf8":
            _ = try TextLines.decode(bytes)
            return Data(bytes)
        case "iso-8859-1", "latin1", "latin-1", "iso_8859-1", "iso8859-1":
            // Drop the declaration: without one the converted text is read as the UTF-8 it now is.
            let declarationEnd = bytes.firstRange(of: Array("?>".utf8))?.upperBound ?? 0
            let text = String(String.UnicodeScalarView(bytes[declarationEnd...].map { Unicode.Scalar($0) }))
            return Data(text.utf8)
        case let other?:
            throw FormatError(.notUTF8, position: "line 1", reason: "the declared encoding '\(other)' is not supported (only UTF-8 and ISO-8859-1)")
        }
    }

    /// The lower-cased `encoding` of the XML declaration, if the document starts with one.
    private static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(200).prefix { $0 != UInt8(ascii: ">") }
        let declaration = String(decoding: head, as: UTF8.self).lowercased()
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []
        var firstError: (code: Int, line: Int, column: Int)?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard self.firstError == nil else { return }
            // Not `abortParsing()`: stopping libxml2 from inside its error handler crashes it on Linux.
            self.firstError = ((parseError as NSError).code, parser.lineNumber, parser.columnNumber)
        }

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            let element = XMLTree(name: elementName)
            if let parent = self.stack.last {
                parent.children.append(element)
            } else {
                self.root = element
            }
            self.stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = self.stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            self.stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            self.stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
