import XMLStream

/// A streaming pass over a document that measures it against ``XMLLimits`` and builds nothing: its memory does not grow
/// with the input and it recurses nowhere, so it runs on every body before XMLCoder's recursive decoder, which only ever
/// sees well-formed documents within their limits (Foundation's parser under XMLCoder crashes on some malformed ones).
enum XMLShapeCheck {
    /// - Throws: `malformed` for a document over a limit, not well-formed, declaring a document type, or holding a
    ///   processing instruction (S3 bodies have none, and one without data crashes Foundation's parser).
    static func check(_ body: [UInt8], limits: XMLLimits) throws(RequestXMLError) {
        var depth = 0
        var elements = 0
        var repeated = 0
        var violation: String?
        do {
            try XMLStream.read(body, refusingProcessingInstructions: true) { event in
                switch event.kind {
                case .start(_, let localName):
                    depth += 1
                    elements += 1
                    if depth > limits.maxDepth {
                        violation = "elements nested deeper than \(limits.maxDepth)"
                    } else if elements > limits.maxElements {
                        violation = "more than \(limits.maxElements) elements"
                    } else if depth == 2, let (name, maxCount) = limits.repeatedChild, localName == name {
                        repeated += 1
                        if repeated > maxCount { violation = "more than \(maxCount) \(name) elements" }
                    }
                    return violation == nil ? .proceed : .stop
                case .end:
                    depth -= 1
                case .text:
                    break
                }
                return .proceed
            }
        } catch {
            throw RequestXMLError(.malformed, "not well-formed (\(error))")
        }
        if let violation { throw RequestXMLError(.malformed, violation) }
    }
}
