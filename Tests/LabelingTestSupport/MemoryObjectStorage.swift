import Foundation
import Labeling
import Synchronization

/// An in-memory `ObjectStorage` for the labeling layer's tests (LabelingTests, LabelingServerTests): a dictionary of
/// objects, which can be told to refuse reads, writes and deletes of some keys (or everything in a bucket) with a given
/// error (as a KMS refusal makes an object unreadable, or a bucket policy denies the service), to keep versions, and to
/// know bucket encryption and KMS keys.
public final class MemoryObjectStorage: ObjectStorage {
    private struct State {
        var objects: [String: [String: (bytes: [UInt8], etag: String, lastModified: Date)]] = [:]
        var refusals: [String: StorageError] = [:]
        var bucketRefusals: [String: StorageError] = [:]
        var encryption: [String: DefaultEncryption] = [:]
        var keys: [String: KeyDescription] = [:]
        var reads: [String] = []
        var listings = 0
        var versionedBuckets: Set<String> = []
        var deleteMarkers = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func put(_ bucket: String, _ key: String, _ text: String) {
        put(bucket, key, Array(text.utf8))
    }

    public func put(_ bucket: String, _ key: String, _ bytes: [UInt8]) {
        state.withLock { $0.objects[bucket, default: [:]][key] = (bytes, Self.etag(bytes), Date()) }
    }

    public func delete(_ bucket: String, _ key: String) {
        state.withLock { _ = $0.objects[bucket]?.removeValue(forKey: key) }
    }

    /// Makes every read of `key` fail with `error` (nil: read it again).
    public func refuse(_ key: String, with error: StorageError?) {
        state.withLock { $0.refusals[key] = error }
    }

    /// Makes every listing, read, write and delete in `bucket` fail with `error` (nil: allow them again), as a bucket
    /// policy denying the labeling service everything does.
    public func refuseBucket(_ bucket: String, with error: StorageError?) {
        state.withLock { $0.bucketRefusals[bucket] = error }
    }

    /// Sets (nil: deletes) the bucket's default encryption.
    public func setDefaultEncryption(_ bucket: String, _ encryption: DefaultEncryption?) {
        state.withLock { $0.encryption[bucket] = encryption }
    }

    /// Makes `describeKey` know a KMS key by its id and each alias.
    public func addKey(_ key: KeyDescription) {
        state.withLock { state in
            for reference in [key.id] + key.aliases { state.keys[reference] = key }
        }
    }

    public func defaultEncryption(bucket: String) async throws -> DefaultEncryption? {
        state.withLock { $0.encryption[bucket] }
    }

    public func describeKey(_ idOrAlias: String) async -> KeyDescription? {
        state.withLock { $0.keys[idOrAlias] }
    }

    /// The keys read so far, in order.
    public var reads: [String] { state.withLock { $0.reads } }

    public func resetReads() {
        state.withLock { $0.reads = [] }
    }

    public func listObjects(bucket: String, prefix: String, startAfter: String?, maxKeys: Int) async throws -> ObjectListing {
        try state.withLock { state in
            guard let objects = state.objects[bucket] else {
                throw StorageError(code: "NoSuchBucket", message: "The specified bucket does not exist", httpStatus: 404)
            }
            if let refusal = state.bucketRefusals[bucket] { throw refusal }
            state.listings += 1
            let keys = objects.keys.filter { $0.hasPrefix(prefix) && $0 > (startAfter ?? "") }.sorted()
            let page = keys.prefix(maxKeys).map { key in
                let object = objects[key]!
                return StoredObject(key: key, etag: object.etag, size: Int64(object.bytes.count), lastModified: object.lastModified)
            }
            return ObjectListing(objects: page, isTruncated: keys.count > maxKeys)
        }
    }

    public func readObject(bucket: String, key: String, maxBytes: Int) async throws -> [UInt8] {
        try state.withLock { state in
            state.reads.append(key)
            if let refusal = state.bucketRefusals[bucket] ?? state.refusals[key] { throw refusal }
            guard let object = state.objects[bucket]?[key] else {
                throw StorageError(code: "NoSuchKey", message: "The specified key does not exist", httpStatus: 404)
            }
            return object.bytes
        }
    }

    /// Makes deletes in `bucket` answer a delete marker, as a bucket with versioning enabled does.
    public func enableVersioning(_ bucket: String) {
        state.withLock { _ = $0.versionedBuckets.insert(bucket) }
    }

    public func bytes(_ bucket: String, _ key: String) -> [UInt8]? {
        state.withLock { $0.objects[bucket]?[key]?.bytes }
    }

    public func writeObject(bucket: String, key: String, bytes: [UInt8], contentType: String) async throws {
        try state.withLock { state in
            if let refusal = state.bucketRefusals[bucket] ?? state.refusals[key] { throw refusal }
            state.objects[bucket, default: [:]][key] = (bytes, Self.etag(bytes), Date())
        }
    }

    public func deleteObject(bucket: String, key: String) async throws -> String? {
        try state.withLock { state in
            if let refusal = state.bucketRefusals[bucket] ?? state.refusals[key] { throw refusal }
            _ = state.objects[bucket]?.removeValue(forKey: key)
            guard state.versionedBuckets.contains(bucket) else { return nil }
            state.deleteMarkers += 1
            return "marker-\(state.deleteMarkers)"
        }
    }

    public func isVersioningEnabled(bucket: String) async throws -> Bool? {
        state.withLock { $0.versionedBuckets.contains(bucket) }
    }

    /// FNV-1a, in hex: a stable stand-in for an MD5 ETag.
    public static func etag(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
