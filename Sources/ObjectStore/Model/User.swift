import Foundation

/// A principal with access keys: requests signed with them act as this user.
public struct User: Sendable, Hashable, Codable {
    public var name: String
    public var accessKey: String
    public var secretKey: String
    public var createdAt: Date
}
