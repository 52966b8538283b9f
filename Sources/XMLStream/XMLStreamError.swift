/// Why a document could not be read: it is not well-formed XML, or it declares a document type (never needed by the
/// documents obslab reads, and the door to entity expansion and external entities).
public struct XMLStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    /// libxml2's words (`Opening and ending tag mismatch: width line 1 and idth`), or ours.
    public let reason: String

    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String { "line \(self.line), column \(self.column): \(self.reason)" }
}
