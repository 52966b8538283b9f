/// Who calls the labeling layer, as the API's token says: the owner (the server's own token), who may act for any
/// author, or a user with a token of their own, who acts only as themselves.
public struct Caller: Sendable, Hashable {
    /// The author recorded for the caller's changes ("labeled by").
    public var author: String
    /// The owner of the labeling layer: every dataset, team and task is theirs.
    public var isOwner: Bool
    /// The names a team member may be known by: the user's name and, when the user has one, their email.
    public var identities: Set<String>

    /// The owner, recording `author` (the owner's token may act for another user by naming them).
    public static func owner(actingAs author: String) -> Caller {
        Caller(author: author, isOwner: true, identities: [author])
    }

    /// A user with a token of their own.
    public static func user(_ user: APIUser) -> Caller {
        Caller(author: user.name, isOwner: false, identities: Set([user.name] + (user.email.map { [$0] } ?? [])))
    }

    /// Whether the caller is the team member `email` names.
    func isMember(_ email: String) -> Bool {
        identities.contains(email)
    }
}
