/// The versioning state of a bucket; `unversioned` is a bucket whose versioning was never enabled.
public enum VersioningStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case unversioned = ""
    case enabled = "Enabled"
    case suspended = "Suspended"
}
