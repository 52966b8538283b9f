import Foundation
import XMLStream

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

    /// How deep a label file may nest: PASCAL VOC needs 4 levels (`annotation/object/bndbox/xmin`).
    static let maxDepth = 32
    /// How many elements a label file may hold: thousands of objects, not millions.
    static let maxElements = 200_000

    /// Parses a whole document; XML that is not well-formed, not UTF-8 (nor declared Latin-1), or with a document type
    /// declaration is fatal, and so is one nested deeper than ``maxDepth`` or with more than ``maxElements`` elements (the
    /// tree is built, and later freed, by recursion-free code, but a bounded tree keeps every later walk of it cheap and safe).
    static func parse(_ bytes: some DataProtocol) throws(FormatError) -> XMLTree {
        let document = Array(bytes)
        try Self.checkEncoding(document)
        var root: XMLTree?
        var stack: [XMLTree] = []
        var elementCount = 0
        var exceeded: (line: Int, reason: String)?
        do {
            try XMLStream.read(document) { event in
                switch event.kind {
                case .start(let name, _):
                    elementCount += 1
                    if stack.count >= XMLTree.maxDepth {
                        exceeded = (event.line, "elements nested deeper than \(XMLTree.maxDepth) levels")
                        return .stop
                    }
                    if elementCount > XMLTree.maxElements {
                        exceeded = (event.line, "more than \(XMLTree.maxElements) elements")
                        return .stop
                    }
                    let element = XMLTree(name: name)
                    if let parent = stack.last { parent.children.append(element) } else { root = element }
                    stack.append(element)
                case .end:
                    stack.removeLast()
                case .text(let text):
                    stack.last?.text += text
                }
                return .proceed
            }
        } catch {
            let blank = document.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            let reason = blank ? "the file is empty" : "not well-formed XML: \(error.reason)"
            throw FormatError(.notXML, position: "line \(error.line), column \(error.column)", reason: reason)
        }
        if let exceeded {
            throw FormatError(.tooComplex, position: "line \(exceeded.line)", reason: exceeded.reason)
        }
        guard let root else { throw FormatError(.notXML, position: "line 1, column 1", reason: "the file is empty") }
        return root
    }

    /// Only UTF-8 and ISO-8859-1, what labeling tools write, are read; anything else is named in the error.
    private static func checkEncoding(_ bytes: [UInt8]) throws(FormatError) {
        switch Self.declaredEncoding(bytes) {
        case nil, "utf-8", "utf8":
            _ = try TextLines.decode(bytes)
        case "iso-8859-1", "latin1", "latin-1", "iso_8859-1", "iso8859-1":
            return
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
}
