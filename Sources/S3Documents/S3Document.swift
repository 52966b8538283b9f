/// An XML document of the S3 API that both the server (which writes or reads it) and the client (which reads or writes
/// it) know: its root element's name.
///
/// The documents are plain `Codable` values with S3's element names; the XML itself (XMLCoder, namespaces, dates, limits)
/// is the business of the side that encodes or decodes them.
public protocol S3Document: Sendable {
    /// The name of the root element, such as `ListBucketResult`.
    static var rootElement: String { get }
}
