import Foundation

/// A user of the labeling API with a token of their own: the token's holder acts as this user, and team members are
/// matched to users by `email` (or by name).
public struct APIUser: Sendable, Hashable {
    public var name: String
    public var email: String?
    public var createdAt: Date
    /// When the current token was issued.
    public var tokenIssuedAt: Date
}

/// A token just issued: the only time it is seen in clear, since the catalog keeps its hash.
public struct IssuedToken: Sendable, Hashable {
    public var user: APIUser
    public var token: String
}
