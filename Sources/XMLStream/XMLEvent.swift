/// One step of a document read front to back: an element opens, an element closes, or text (character data, CDATA or
/// white space between elements) is found. An empty element (`<a/>`) gives a start and an end.
public struct XMLEvent: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `name` as written (`ns:Key`), `localName` without its prefix (`Key`).
        case start(name: String, localName: String)
        case end
        case text(String)
    }

    public let kind: Kind
    /// The line of the document the parser has reached, counted from 1.
    public let line: Int
}
