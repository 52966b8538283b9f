import Foundation

/// A labeling team (ModelArts "workforce"): members who label, review or manage team labeling tasks.
public struct Workforce: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var workerCount: Int
    public var createdAt: Date
    public var updatedAt: Date
}

/// A change to a team or a member: each field when given.
public struct WorkforceUpdate: Sendable, Hashable {
    public var name: String?
    public var description: String?

    public init(name: String? = nil, description: String? = nil) {
        self.name = name
        self.description = description
    }
}
