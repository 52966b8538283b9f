/// Why a request body is not an acceptable document.
public struct RequestXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Not well-formed, not the expected document, or over a structural limit: S3's `MalformedXML`.
        case malformed
        /// More bytes than the document may have: S3's `MaxMessageLengthExceeded`.
        case tooLarge
    }

    public var kind: Kind
    /// What was wrong, for logs and messages.
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(self.kind == .tooLarge ? "too large" : "malformed XML"): \(self.reason)" }
}
