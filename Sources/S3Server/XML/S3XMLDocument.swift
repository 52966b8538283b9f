/// An XML body of the S3 protocol: knows its root element and the namespace it is sent with.
protocol S3XMLDocument: Encodable, Sendable {
    /// The name of the root element, such as `ListBucketResult`.
    static var rootElement: String { get }
    /// The default namespace of the root element, or `nil` for none (S3 sends `Error` without one).
    static var namespace: String? { get }
}

extension S3XMLDocument {
    static var namespace: String? { S3XML.s3Namespace }
}
