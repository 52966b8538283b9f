/// One `CommonPrefixes` element of a listing: a key prefix rolled up at the delimiter.
struct CommonPrefix: Codable, Sendable, Equatable {
    var prefix: String

    enum CodingKeys: String, CodingKey {
        case prefix = "Prefix"
    }
}
