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

    /// Parses a whole document; XML that is not well-formed (or not UTF-8 without an encoding declaration) is fatal.
    static func parse(_ bytes: some DataProtocol) throws(FormatError) -> XMLTree {
        let data = Data(bytes)
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
            let position = "line \(line), column \(column)"
            if String(validating: data, as: UTF8.self) == nil, !Self.declaresEncoding(data) {
                throw FormatError(.notUTF8, position: position, reason: "the file is not UTF-8 text")
            }
            let code = builder.firstError?.code ?? (parser.parserError as? NSError)?.code ?? 0
            let reason = data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
                ? "the file is empty" : "not well-formed XML (XML parser error \(code))"
            throw FormatError(.notXML, position: position, reason: reason)
        }
        return root
    }

    /// Whether the XML declaration names an encoding other than UTF-8, which the parser then converts from.
    private static func declaresEncoding(_ data: Data) -> Bool {
        guard let head = String(bytes: data.prefix(200), encoding: .isoLatin1), head.hasPrefix("<?xml") else { return false }
        let declaration = head.prefix { $0 != ">" }.lowercased()
        return declaration.contains("encoding=") && !declaration.contains("utf-8")
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
