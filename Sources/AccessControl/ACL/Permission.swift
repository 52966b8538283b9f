/// An ACL permission, as S3 and OBS name them.
public enum Permission: String, Sendable, Hashable, Codable, CaseIterable {
    case read = "READ"
    case write = "WRITE"
    case readACP = "READ_ACP"
    case writeACP = "WRITE_ACP"
    case fullControl = "FULL_CONTROL"

    /// Whether a grant of this permission gives `needed` (FULL_CONTROL gives them all).
    public func covers(_ needed: Permission) -> Bool {
        self == needed || self == .fullControl
    }
}
