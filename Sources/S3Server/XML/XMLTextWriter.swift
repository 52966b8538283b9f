/// Writes an S3 answer's XML directly, as `S3XML.encode` would through XMLCoder: the same header, root, element
/// order and escaping (`&`, `<`, `>` and carriage returns in text). For the documents that implement
/// `DirectXMLDocument`, whose size grows with the request: XMLCoder escaped each string once per escaped character
/// with Foundation's `replacingOccurrences`, three quarters of a 1000-key LIST.
struct XMLTextWriter {
    private(set) var bytes: [UInt8] = []

    /// The header and the root element's start tag.
    init(root: String, namespace: String?, capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
        append(root)
        if let namespace {
            append(" xmlns=\"")
            appendEscaped(namespace, attribute: true)
            append("\"")
        }
        append(">")
    }

    mutating func open(_ name: String) {
        append("<")
        append(name)
        append(">")
    }

    mutating func close(_ name: String) {
        append("</")
        append(name)
        append(">")
    }

    /// `<name>text</name>`; nothing for nil, as XMLCoder leaves absent optionals out.
    mutating func element(_ name: String, _ text: String?) {
        guard let text else { return }
        open(name)
        appendEscaped(text, attribute: false)
        close(name)
    }

    mutating func element(_ name: String, _ value: some BinaryInteger) {
        element(name, String(value))
    }

    mutating func element(_ name: String, _ value: Bool) {
        element(name, value ? "true" : "false")
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendEscaped(_ text: String, attribute: Bool) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\r") where !attribute: append("&#13;")
            case UInt8(ascii: "\"") where attribute: append("&quot;")
            default: bytes.append(byte)
            }
        }
    }
}

/// A document `S3XML.encode` writes with an `XMLTextWriter` instead of XMLCoder.
protocol DirectXMLDocument: S3XMLDocument {
    /// The elements inside the root, in the order of its `CodingKeys`.
    func writeElements(to writer: inout XMLTextWriter)
}
