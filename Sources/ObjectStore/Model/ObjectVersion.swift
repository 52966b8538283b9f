import Foundation
import KeyManagement

/// One version of an object, or a delete marker.
public struct ObjectVersion: Sendable, Hashable {
    public var bucket: String
    public var key: String
    /// `"null"` for writes to an unversioned or suspended bucket.
    public var versionId: String
    public var isLatest: Bool
    public var isDeleteMarker: Bool
    public var size: Int64
    /// Unquoted: the hex MD5, or `hex-N` for a multipart object. Empty for a delete marker.
    public var etag: String
    public var lastModified: Date
    public var attributes: ObjectAttributes
    /// The sizes of the parts of a multipart object, in order; empty otherwise.
    public var partSizes: [Int64]
    /// The checksums of each part of a multipart object (algorithm name → base64), in order; empty otherwise, and for
    /// objects from before part checksums were kept.
    public var partChecksums: [[String: String]] = []
    /// How the stored bytes are encrypted (nil: plaintext on disk). Fixed when the version is written.
    public var encryption: EncryptionEnvelope?
    /// The principal that wrote the version; nil when the bucket's owner did (or before owners were recorded).
    public var owner: String?
    /// The version's ACL document, as the access-control layer wrote it; nil for the default (private).
    public var acl: String?
    /// An appendable object (OBS's `x-obs-object-type: Appendable`), made by `POST ?append`: the only kind that takes
    /// appended data.
    public var isAppendable: Bool = false
    /// The restore of a cold (GLACIER/COLD) version, requested by `POST ?restore`; nil when none was.
    public var restore: ObjectRestore? = nil
    /// The blob file holding the bytes; nil for a delete marker.
    let blobId: String?
    /// The catalog row id: orders the versions of a key by creation.
    let sequence: Int64
}
