/// `Owner` and `Initiator` elements: a canonical user id and its display name.
struct Owner: Codable, Sendable, Equatable {
    var id: String
    var displayName: String

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case displayName = "DisplayName"
    }
}
