/// A request body that is not the expected XML document; S3 answers it with `MalformedXML`.
struct MalformedXMLError: Error, CustomStringConvertible {
    /// What was wrong, for logs.
    var reason: String

    var description: String { "malformed XML: \(reason)" }
}
