import Foundation

public struct Bucket: Sendable, Hashable {
    public var name: String
    public var creationDate: Date
    public var versioning: VersioningStatus
    public var defaultEncryption: BucketEncryption?

    public init(name: String, creationDate: Date, versioning: VersioningStatus, defaultEncryption: BucketEncryption? = nil) {
        self.name = name
        self.creationDate = creationDate
        self.versioning = versioning
        self.defaultEncryption = defaultEncryption
    }
}
