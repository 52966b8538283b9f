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
    public var storageClass: String

    public init(
        contentType: String? = nil,
        contentEncoding: String? = nil,
        contentDisposition: String? = nil,
        contentLanguage: String? = nil,
        cacheControl: String? = nil,
        expires: String? = nil,
        userMetadata: [String: String] = [:],
        checksums: [String: String] = [:],
        storageClass: String = "STANDARD"
    ) {
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.contentDisposition = contentDisposition
        self.contentLanguage = contentLanguage
        self.cacheControl = cacheControl
        self.expires = expires
        self.userMetadata = userMetadata
        self.checksums = checksums
        self.storageClass = storageClass
    }
}
