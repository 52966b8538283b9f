/// One thing `ObjectStore.check` found wrong with a data root, in plain words.
public struct CheckFinding: Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, and whether `--repair` may fix it.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case damagedCatalog = "damaged catalog"
            case brokenReference = "broken reference"
            case unreadableRow = "unreadable catalog row"
            case missingBlob = "missing blob"
            case wrongBlobSize = "partial or wrong-sized blob"
            case inconsistentEnvelope = "inconsistent encryption envelope"
            case inconsistentVersion = "inconsistent version"
            case sharedBlob = "blob shared by two entries"
            case noLatestVersion = "no latest version"
            case etagMismatch = "content does not match its ETag"
            case checksumMismatch = "content does not match its checksum"
            case orphanBlob = "orphan blob"
            case stagingLeftover = "staging leftover"
            case partWithoutUpload = "part without upload"
            case unexpectedFile = "unexpected file"
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        public var description: String { value.rawValue }

        /// Whether repairing it loses nothing a client could still read: leftovers nothing refers to, rows nothing can
        /// reach, and the choice of the latest version S3 would make.
        public var isSafeToRepair: Bool {
            switch value {
            case .orphanBlob, .stagingLeftover, .partWithoutUpload, .noLatestVersion: true
            default: false
            }
        }

        /// SQLite's own integrity check failed on the catalog file.
        public static let damagedCatalog = Kind(.damagedCatalog)
        /// A catalog row refers to a row that does not exist (a version of a bucket that is gone).
        public static let brokenReference = Kind(.brokenReference)
        /// A catalog row that cannot be decoded (its encryption envelope or metadata JSON is damaged).
        public static let unreadableRow = Kind(.unreadableRow)
        /// A version or part whose blob file is gone: its bytes are lost.
        public static let missingBlob = Kind(.missingBlob)
        /// A blob file whose size is not the one its catalog entry (and envelope) gives: a partial or damaged write.
        public static let wrongBlobSize = Kind(.wrongBlobSize)
        /// An envelope whose segments disagree with the object's size or parts.
        public static let inconsistentEnvelope = Kind(.inconsistentEnvelope)
        /// A version whose own fields disagree (a delete marker with bytes, an ETag of the wrong shape, part sizes that do
        /// not add up).
        public static let inconsistentVersion = Kind(.inconsistentVersion)
        /// Two catalog entries name the same blob file: deleting one would destroy the other's bytes.
        public static let sharedBlob = Kind(.sharedBlob)
        /// A key with versions of which none is the latest: GET answers NoSuchKey although versions exist.
        public static let noLatestVersion = Kind(.noLatestVersion)
        /// (`--deep`) The bytes of a plaintext object do not hash to its ETag.
        public static let etagMismatch = Kind(.etagMismatch)
        /// (`--deep`) The bytes of a plaintext object do not match a flexible checksum stored with it.
        public static let checksumMismatch = Kind(.checksumMismatch)
        /// A blob file no version or part refers to: left by a crash between its rename and its commit, or after one.
        public static let orphanBlob = Kind(.orphanBlob)
        /// A file in `staging/`: a write that a crash or a kill interrupted.
        public static let stagingLeftover = Kind(.stagingLeftover)
        /// A stored part whose multipart upload no longer exists: it can never be completed.
        public static let partWithoutUpload = Kind(.partWithoutUpload)
        /// A file in `blobs/` that is not a blob file.
        public static let unexpectedFile = Kind(.unexpectedFile)
    }

    public let kind: Kind
    /// What it is about: `bucket/key (version v)`, a blob file, a table.
    public let subject: String
    /// What is wrong, and for what cannot be repaired, what to do.
    public let detail: String
    /// The file it concerns, when it concerns a file nothing refers to (an orphan, a leftover): what repair removes.
    public let path: String?
    /// The size of that file.
    public let bytes: Int64
    /// Set once `repair` fixed it.
    public internal(set) var isRepaired = false

    public init(_ kind: Kind, _ subject: String, _ detail: String, path: String? = nil, bytes: Int64 = 0) {
        self.kind = kind
        self.subject = subject
        self.detail = detail
        self.path = path
        self.bytes = bytes
    }

    public var description: String { "\(kind): \(subject): \(detail)" }
}
