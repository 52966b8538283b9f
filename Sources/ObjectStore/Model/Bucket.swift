import Foundation

public struct Bucket: Sendable, Hashable {
    public var name: String
    public var creationDate: Date
    public var versioning: VersioningStatus

    public init(name: String, creationDate: Date, versioning: VersioningStatus) {
        self.name = name
        self.creationDate = creationDate
        self.versioning = versioning
    }
}
