/// An XML document an S3 request carries: its root element and the limits its body is held to before decoding.
public protocol RequestDocument: Decodable, Sendable {
    /// The local name of the root element, such as `Delete`.
    static var rootElement: String { get }
    static var limits: XMLLimits { get }
}

extension RequestDocument {
    /// A configuration document: small and shallow.
    public static var limits: XMLLimits { XMLLimits() }
}
