import CLibXML2

/// Reads XML documents with libxml2's pull parser (`xmlTextReader`), one event at a time.
///
/// Why not Foundation's `XMLParser`: on Linux it crashes (a NULL `strlen` in its error callback) on some malformed
/// documents, found by fuzzing, and it cannot be stopped safely from a callback. Here the caller's handler returns
/// whether to go on, nothing recurses, memory does not grow with nesting, no entity is expanded, nothing is fetched
/// (`XML_PARSE_NONET`), and a document type declaration is refused.
public enum XMLStream {
    /// What the handler wants after an event.
    public enum Next: Sendable {
        case proceed
        /// Stop reading: `read` returns normally (the handler keeps its own reason).
        case stop
    }

    /// Reads `bytes` as one XML document, handing each event to `handler` until the end or until it says `.stop`.
    /// Comments are skipped, and so are processing instructions unless `refusingProcessingInstructions`.
    /// - Parameter refusingProcessingInstructions: fail at any processing instruction (the XML declaration is none): a
    ///   document bound for Foundation's parser must have none, as it crashes on some (a NULL `strlen` on one without data).
    /// - Throws: `XMLStreamError` at the first well-formedness error (warnings are ignored), document type declaration,
    ///   or refused processing instruction.
    public static func read(
        _ bytes: some Collection<UInt8>,
        refusingProcessingInstructions: Bool = false,
        _ handler: (XMLEvent) -> Next
    ) throws(XMLStreamError) {
        let document = Array(bytes)
        guard document.count <= Int(Int32.max) else {
            throw XMLStreamError(line: 1, column: 1, reason: "the document is larger than 2 GiB")
        }
        Self.initializeOnce
        let errors = ErrorCollector()
        let result: Result<Void, XMLStreamError> = document.withUnsafeBufferPointer { buffer in
            // An empty document still needs a valid pointer for libxml2.
            let base = buffer.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(bitPattern: 1)!
            let options = Int32(XML_PARSE_NONET.rawValue)
            guard let reader = xmlReaderForMemory(base.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options) else {
                return .failure(XMLStreamError(line: 1, column: 1, reason: "the XML parser could not start"))
            }
            defer { xmlFreeTextReader(reader) }
            let context = Unmanaged.passUnretained(errors).toOpaque()
            xmlTextReaderSetStructuredErrorHandler(reader, { context, error in ErrorCollector.record(error, in: context) }, context)
            return Self.readEvents(reader, errors: errors, refusingProcessingInstructions: refusingProcessingInstructions, handler)
        }
        try result.get()
    }

    /// libxml2 wants one call before use from several threads.
    private static let initializeOnce: Void = xmlInitParser()

    private static func readEvents(
        _ reader: xmlTextReaderPtr,
        errors: ErrorCollector,
        refusingProcessingInstructions: Bool,
        _ handler: (XMLEvent) -> Next
    ) -> Result<Void, XMLStreamError> {
        func failure(_ fallback: String) -> XMLStreamError {
            errors.first
                ?? XMLStreamError(
                    line: Int(xmlTextReaderGetParserLineNumber(reader)),
                    column: Int(xmlTextReaderGetParserColumnNumber(reader)),
                    reason: fallback
                )
        }
        var sawRoot = false
        while true {
            let status = xmlTextReaderRead(reader)
            // An error the parser recovered from still makes the document malformed.
            if let error = errors.first { return .failure(error) }
            if status == 0 { break }
            guard status == 1 else { return .failure(failure("not well-formed")) }
            let line = Int(xmlTextReaderGetParserLineNumber(reader))
            let next: Next
            switch xmlReaderTypes(UInt32(xmlTextReaderNodeType(reader))) {
            case XML_READER_TYPE_ELEMENT:
                sawRoot = true
                let start = XMLEvent(
                    kind: .start(name: Self.string(xmlTextReaderConstName(reader)), localName: Self.string(xmlTextReaderConstLocalName(reader))),
                    line: line)
                next = handler(start)
                if next == .proceed, xmlTextReaderIsEmptyElement(reader) == 1 {
                    if handler(XMLEvent(kind: .end, line: line)) == .stop { return .success(()) }
                }
            case XML_READER_TYPE_END_ELEMENT:
                next = handler(XMLEvent(kind: .end, line: line))
            case XML_READER_TYPE_TEXT, XML_READER_TYPE_CDATA, XML_READER_TYPE_WHITESPACE, XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
                next = handler(XMLEvent(kind: .text(Self.string(xmlTextReaderConstValue(reader))), line: line))
            case XML_READER_TYPE_DOCUMENT_TYPE:
                return .failure(XMLStreamError(line: line, column: 1, reason: "document type declarations are not accepted"))
            case XML_READER_TYPE_ENTITY_REFERENCE:
                return .failure(XMLStreamError(line: line, column: 1, reason: "entity references are not accepted"))
            case XML_READER_TYPE_PROCESSING_INSTRUCTION where refusingProcessingInstructions:
                return .failure(XMLStreamError(line: line, column: 1, reason: "processing instructions are not accepted"))
            default:
                // Comments and processing instructions.
                next = .proceed
            }
            if next == .stop { return .success(()) }
        }
        guard sawRoot else { return .failure(failure("the document has no root element")) }
        return .success(())
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// Keeps libxml2's first error (not its warnings) for the reader it is registered on.
    private final class ErrorCollector {
        var first: XMLStreamError?

        static func record(_ error: xmlErrorPtr?, in context: UnsafeMutableRawPointer?) {
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
            guard collector.first == nil else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
            collector.first = XMLStreamError(
                line: Int(error.pointee.line),
                column: Int(error.pointee.int2),
                reason: message.trimmingWhitespace()
            )
        }
    }
}

extension String {
    /// libxml2 ends its messages with a newline.
    fileprivate func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return String(text)
    }
}
