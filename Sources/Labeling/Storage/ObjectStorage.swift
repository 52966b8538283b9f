import Foundation

/// How the labeling layer uses buckets, as the labeling service principal: listing and small reads for syncs, small
/// writes for published manifests, and deletes for samples deleted "with their source files".
///
/// The adapters live outside the domain (StorageAdapters): the local one asks obslab's engine directly, the S3 one speaks
/// S3 over HTTP, so the labeling layer is not tied to obslab's storage. Failures are `StorageError`s carrying the S3
/// error code the storage answered.
public protocol ObjectStorage: Sendable {
    /// One page of the objects under a prefix, in key order, after `startAfter`.
    func listObjects(bucket: String, prefix: String, startAfter: String?, maxKeys: Int) async throws -> ObjectListing
    /// The bytes of an object (sidecars are small: refuse more than `maxBytes`).
    func readObject(bucket: String, key: String, maxBytes: Int) async throws -> [UInt8]
    /// Writes a small object (a manifest); the bucket's default encryption applies as to any upload.
    func writeObject(bucket: String, key: String, bytes: [UInt8], contentType: String) async throws
    /// Deletes the current version of an object (deleting a missing one succeeds).
    /// - Returns: the delete marker's version id when the bucket keeps versions, so the object can be brought back.
    func deleteObject(bucket: String, key: String) async throws -> String?
    /// Whether the bucket keeps versions (versioning enabled); nil when the storage cannot tell.
    func isVersioningEnabled(bucket: String) async throws -> Bool?
    /// The bucket's default encryption; nil when it has none or the storage cannot tell.
    func defaultEncryption(bucket: String) async throws -> DefaultEncryption?
    /// A KMS key's id and aliases, from its id, alias or ARN; nil when the storage cannot tell.
    func describeKey(_ idOrAlias: String) async -> KeyDescription?
}

extension ObjectStorage {
    public func defaultEncryption(bucket: String) async throws -> DefaultEncryption? { nil }
    public func describeKey(_ idOrAlias: String) async -> KeyDescription? { nil }
}

/// One page of a listing.
public struct ObjectListing: Sendable, Hashable {
    public var objects: [StoredObject]
    /// More objects follow the last one of `objects`.
    public var isTruncated: Bool

    public init(objects: [StoredObject], isTruncated: Bool) {
        self.objects = objects
        self.isTruncated = isTruncated
    }
}

/// An object as a listing describes it.
public struct StoredObject: Sendable, Hashable {
    public var key: String
    /// Unquoted, as S3 computes it (the MD5, or `hex-N` for a multipart object).
    public var etag: String
    public var size: Int64
    public var lastModified: Date

    public init(key: String, etag: String, size: Int64, lastModified: Date) {
        self.key = key
        self.etag = etag
        self.size = size
        self.lastModified = lastModified
    }
}
