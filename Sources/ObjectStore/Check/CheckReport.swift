/// What `ObjectStore.check` looked at and found.
public struct CheckReport: Sendable {
    public var findings: [CheckFinding] = []
    public var buckets = 0
    /// Object versions, delete markers included.
    public var versions = 0
    public var deleteMarkers = 0
    public var encryptedVersions = 0
    public var uploads = 0
    public var parts = 0
    public var blobFiles = 0
    /// Plaintext bytes whose ETag (and checksums) the deep check recomputed.
    public var bytesVerified: Int64 = 0
    /// Encrypted versions and parts the deep check could not read: fsck holds no keys (their GCM tags are checked on
    /// every read).
    public var notDecrypted = 0
    /// Why a repair that was asked for did not run, when it did not.
    public var repairWithheld: String?

    public init() {}

    /// What is still wrong: every finding that was not repaired.
    public var problems: [CheckFinding] { findings.filter { !$0.isRepaired } }

    public var repaired: [CheckFinding] { findings.filter(\.isRepaired) }

    mutating func add(_ finding: CheckFinding) {
        findings.append(finding)
    }
}
