import Foundation
import KeyManagement

public struct MultipartUpload: Sendable, Hashable {
    public var uploadId: String
    public var bucket: String
    public var key: String
    public var initiated: Date
    public var attributes: ObjectAttributes
    public var encryption: EncryptionEnvelope?
    /// The principal that initiated the upload: the owner of the object it completes into.
    public var initiator: String?
    /// The ACL document the completed object gets; nil for the default (private).
    public var acl: String?
    /// The flexible checksum the upload was created with (`CRC32`…), which every part carries; nil when none was
    /// named. Its type is `attributes.checksumType`.
    public var checksumAlgorithm: String?
    let sequence: Int64
}

public struct UploadedPart: Sendable, Hashable {
    public var partNumber: Int
    /// Unquoted hex MD5 of the part.
    public var etag: String
    public var size: Int64
    public var lastModified: Date
    public var checksums: [String: String]
}

/// A part named in CompleteMultipartUpload.
public struct CompletedPart: Sendable, Hashable {
    public var partNumber: Int
    /// Compared without quotes.
    public var etag: String

    public init(partNumber: Int, etag: String) {
        self.partNumber = partNumber
        self.etag = etag
    }
}

public struct PartsPage: Sendable, Hashable {
    public var parts: [UploadedPart]
    public var isTruncated: Bool
    public var nextPartNumberMarker: Int?
}

/// The checksums a completed multipart object gets, as the S3 layer computes them from its parts'.
public struct ObjectChecksums: Sendable, Hashable {
    /// Algorithm name → base64 value (`…-N` for a composite checksum).
    public var checksums: [String: String]
    /// `FULL_OBJECT` or `COMPOSITE`; nil with no checksum.
    public var checksumType: String?

    public init(checksums: [String: String] = [:], checksumType: String? = nil) {
        self.checksums = checksums
        self.checksumType = checksumType
    }
}
