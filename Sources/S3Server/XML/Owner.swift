import AccessControl

/// `Owner` and `Initiator` elements: a canonical user id and its display name.
struct Owner: Codable, Sendable, Equatable {
    var id: String
    var displayName: String

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case displayName = "DisplayName"
    }
}

extension Owner {
    /// The `Owner` element of a principal by its stored name: its canonical user id and its name.
    init(principal name: String) {
        let principal = Principal(storedName: name)
        self.init(id: principal.canonicalId, displayName: principal.displayName)
    }
}
