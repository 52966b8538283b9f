import Foundation

/// The metadata stored with an object and returned on GET/HEAD.
public struct ObjectAttributes: Sendable, Hashable {
    public var contentType: String?
    public var contentEncoding: String?
    public var contentDisposition: String?
    public var contentLanguage: String?
    public var cacheControl: String?
    public var expires: String?
    /// `x-amz-meta-*` pairs, names without the prefix.
    public var userMetadata: [String: String]
    /// Algorithm name (`CRC32`, `SHA256`, ...) to the base64 value, stored and returned as given.
    public var checksums: [String: String]
    /// S3's checksum type of `checksums`: `FULL_OBJECT` (a checksum of the bytes) or `COMPOSITE` (of the parts'
    /// checksums, `…-N`); nil for objects from before types were kept.
    public var checksumType: String?
    public var storageClass: String
    /// The object's tags (`?tagging`, `x-amz-tagging`), key to value; S3 keeps at most 10.
    public var tags: [String: String]
    /// The version's Object Lock retention (`x-amz-object-lock-mode` and `-retain-until-date`, `?retention`), if any.
    public var retention: ObjectRetention?
    /// Whether a legal hold protects the version (`x-amz-object-lock-legal-hold`, `?legal-hold`), whatever its retention.
    public var legalHold: Bool

    public init(
        contentType: String? = nil,
        contentEncoding: String? = nil,
        contentDisposition: String? = nil,
        contentLanguage: String? = nil,
        cacheControl: String? = nil,
        expires: String? = nil,
        userMetadata: [String: String] = [:],
        checksums: [String: String] = [:],
        checksumType: String? = nil,
        storageClass: String = "STANDARD",
        tags: [String: String] = [:],
        retention: ObjectRetention? = nil,
        legalHold: Bool = false
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.contentDisposition = contentDisposition
        self.contentLanguage = contentLanguage
        self.cacheControl = cacheControl
        self.expires = expires
        self.userMetadata = userMetadata
        self.checksums = checksums
        self.checksumType = checksumType
        self.storageClass = storageClass
        self.tags = tags
        self.retention = retention
        self.legalHold = legalHold
    }

    /// Whether Object Lock protects the version at `date` (a legal hold, or a retention not yet over).
    public func isLocked(at date: Date) -> Bool {
        legalHold || retention?.isActive(at: date) == true
    }
}
