/// A file that cannot be read as a whole (not UTF-8, not XML), or annotations a format cannot represent.
public struct FormatError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String

        init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        public var description: String { self.rawValue }

        /// The bytes are not UTF-8 text.
        public static let notUTF8 = Code("NotUTF8")
        /// The bytes are not well-formed XML.
        public static let notXML = Code("NotXML")
        /// Nested too deep or too many parts to be a label file (see each format's limits).
        public static let tooComplex = Code("TooComplex")
        /// Well-formed, but not the expected document (another root element, empty file).
        public static let unexpectedDocument = Code("UnexpectedDocument")
        /// `write` was given something the format cannot hold (a label name with a line break, ...).
        public static let notRepresentable = Code("NotRepresentable")
    }

    public var code: Code
    public var issue: ParseIssue

    public init(_ code: Code, _ issue: ParseIssue) {
        self.code = code
        self.issue = issue
    }

    public init(_ code: Code, position: String, reason: String) {
        self.init(code, ParseIssue(position: position, reason: reason))
    }

    public var description: String { "\(self.code): \(self.issue)" }
}
