/// How large and how deep a request document may be. Checked by a streaming pass before any recursive decoding, so that
/// no body can exhaust the stack (a `DeleteObjects` nested 40,000 deep once did) or the memory of the decoded tree.
public struct XMLLimits: Sendable {
    /// The body's size in bytes; S3 answers a larger one `MaxMessageLengthExceeded`.
    public var maxBytes: Int
    /// Nesting depth of elements, the root being 1; S3's request documents are at most 4 deep.
    public var maxDepth: Int
    /// Elements in the whole document.
    public var maxElements: Int
    /// A child of the root that may repeat, and how often (`Object` of `Delete`, 1000); more is `MalformedXML`, as in S3.
    public var repeatedChild: (name: String, maxCount: Int)?

    public init(maxBytes: Int = 64 << 10, maxDepth: Int = 10, maxElements: Int = 1000, repeatedChild: (name: String, maxCount: Int)? = nil) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.repeatedChild = repeatedChild
    }
}
