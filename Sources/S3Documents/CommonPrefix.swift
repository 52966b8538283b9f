/// One `CommonPrefixes` element of a listing: a key prefix rolled up at the delimiter.
public struct CommonPrefix: Codable, Sendable, Equatable {
    public var prefix: String

    public init(prefix: String) {
        self.prefix = prefix
    }

    enum CodingKeys: String, CodingKey {
        case prefix = "Prefix"
    }
}
