import Foundation

/// A member of a labeling team (ModelArts "worker"), known by email: a user whose email (or name) it is acts as them.
public struct Worker: Sendable, Hashable, Codable {
    public var id: String
    public var workforceId: String
    public var email: String
    public var role: WorkerRole
    public var description: String
    /// Whether a user with a token answers to the member's email: ModelArts's "has logged in".
    public var hasUser: Bool
    public var createdAt: Date
    public var updatedAt: Date
}

/// A member's role in a team, as ModelArts numbers them.
public enum WorkerRole: Int, Sendable, Hashable, Codable, CaseIterable {
    /// Labels the samples assigned to them.
    case labeler = 0
    /// Reviews the labels of the team's labelers.
    case reviewer = 1
    /// Manages the team; labels and reviews like the others.
    case administrator = 2
    /// The dataset's owner.
    case owner = 3
}
