import AccessControl
import KeyManagement
import Labeling
import NIOCore
import ObjectStore

/// Reads obslab's own engine as the labeling service principal, never as the bucket owner: every listing, read and write
/// is authorized as the service (bucket policies, ACLs, its agency), and an object the KMS (or a customer key) does not
/// let the service decrypt fails, here exactly as it would over S3.
public struct LocalObjectStorage: ObjectStorage {
    public let store: ObjectStore
    /// The principal the KMS checks grants for: the labeling service, like the ModelArts agency.
    public let principal: String
    /// Decides what the service may do, as the S3 front decides for its callers.
    public let gate: AccessGate

    /// - Parameter gate: the S3 front's gate, to share its parsed policies; a gate of its own over `store` otherwise.
    public init(store: ObjectStore, principal: String = ReadAccess.labelingServicePrincipal, gate: AccessGate? = nil) {
        self.store = store
        self.principal = principal
        self.gate = gate ?? AccessGate(store: store)
    }

    public func listObjects(bucket: String, prefix: String, startAfter: String?, maxKeys: Int) async throws -> ObjectListing {
        do {
            try await authorize(.listBucket, .list, bucket: bucket, listPrefix: prefix)
            let page = try await store.listObjects(bucket: bucket, query: ListQuery(prefix: prefix, after: startAfter, maxKeys: maxKeys))
            let objects = page.objects.map { StoredObject(key: $0.key, etag: $0.etag, size: $0.size, lastModified: $0.lastModified) }
            return ObjectListing(objects: objects, isTruncated: page.isTruncated)
        } catch {
            throw Self.storageError(error)
        }
    }

    public func readObject(bucket: String, key: String, maxBytes: Int) async throws -> [UInt8] {
        do {
            try await authorize(.getObject, .read, bucket: bucket, key: key)
            let version = try await store.headObject(bucket: bucket, key: key, versionId: nil)
            guard version.size <= maxBytes else { throw StorageError.tooLarge(bucket: bucket, key: key, maxBytes: maxBytes) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(Int(version.size))
            for try await var buffer in try store.read(version, access: ReadAccess(principal: principal)) {
                bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
            }
            return bytes
        } catch {
            throw Self.storageError(error)
        }
    }

    /// The error the S3 front would answer for `error`: the same code, status and KMS details, from the tables the
    /// errors carry (`StoreError+S3`, `KMSError+S3`, `EncryptionError+S3`).
    static func storageError(_ error: any Error) -> StorageError {
        switch error {
        case let error as StorageError:
            return error
        case let error as StoreError:
            return StorageError(code: error.s3Code, message: error.message, httpStatus: error.httpStatus)
        case let error as KMSError:
            let details = Dictionary(error.s3Details, uniquingKeysWith: { first, _ in first })
            return StorageError(code: error.s3Code, message: error.message, httpStatus: error.httpStatus, details: details)
        case let error as EncryptionError:
            return StorageError(code: error.s3Code, message: error.s3Message, httpStatus: error.httpStatus)
        default:
            if let full = StoreError.insufficientStorage(from: error) {
                return StorageError(code: full.s3Code, message: full.message, httpStatus: full.httpStatus)
            }
            return StorageError(code: "InternalError", message: String(describing: error), httpStatus: 500)
        }
    }
}
