/// What `ObjectStore.check` does beyond its default checks (the catalog against the blob files and envelopes).
public struct CheckOptions: Sendable {
    /// Read every plaintext object and part, and compare its bytes with its ETag and stored checksums.
    public var deep: Bool
    /// Fix what is safe (`CheckFinding.Kind.isSafeToRepair`): remove orphan blobs, staging leftovers and parts without
    /// an upload, and promote the newest version of a key that has no latest one.
    public var repair: Bool
    /// The flexible checksum algorithms the deep check can compute, by the name the catalog stores (`CRC32`, `SHA256`):
    /// the store keeps checksums as the client sent them and knows no algorithm itself.
    public var digest: @Sendable (String) -> (any ContentDigest)?

    public init(deep: Bool = false, repair: Bool = false, digest: @escaping @Sendable (String) -> (any ContentDigest)? = { _ in nil }) {
        self.deep = deep
        self.repair = repair
        self.digest = digest
    }
}

/// An incremental digest over an object's bytes, for the deep check of stored checksums.
public protocol ContentDigest {
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// The digest's bytes (big-endian for CRCs), whose base64 S3 prints.
    func finalizeBytes() -> [UInt8]
}
