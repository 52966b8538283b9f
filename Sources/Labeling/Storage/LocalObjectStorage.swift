import KeyManagement
import NIOCore
import ObjectStore

/// Reads obslab's own engine as the labeling service principal, never as the bucket owner: an object the KMS (or a
/// customer key) does not let the service decrypt fails here exactly as it would over S3.
public struct LocalObjectStorage: ObjectStorage {
    public let store: ObjectStore
    /// The principal the KMS checks grants for: the labeling service, like the ModelArts agency.
    public let principal: String

    public init(store: ObjectStore, principal: String = ReadAccess.labelingServicePrincipal) {
        self.store = store
        self.principal = principal
    }

    public func listObjects(bucket: String, prefix: String, startAfter: String?, maxKeys: Int) async throws -> ObjectListing {
        do {
            let page = try await store.listObjects(bucket: bucket, query: ListQuery(prefix: prefix, after: startAfter, maxKeys: maxKeys))
            let objects = page.objects.map { StoredObject(key: $0.key, etag: $0.etag, size: $0.size, lastModified: $0.lastModified) }
            return ObjectListing(objects: objects, isTruncated: page.isTruncated)
        } catch {
            throw Self.storageError(error)
        }
    }

    public func readObject(bucket: String, key: String, maxBytes: Int) async throws -> [UInt8] {
        do {
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

    /// The error the S3 front would answer for `error`: the same code, status and KMS details.
    static func storageError(_ error: any Error) -> StorageError {
        switch error {
        case let error as StorageError:
            return error
        case let error as StoreError:
            return StorageError(code: error.code.rawValue, message: error.message, httpStatus: Self.httpStatus(error.code))
        case let error as KMSError:
            var details: [String: String] = [:]
            details[StorageError.kmsKeyIdDetail] = error.keyId
            details[StorageError.principalDetail] = error.principal
            let status =
                switch error.code {
                case .accessDenied, .disabled: 403
                case .notFound, .validation, .invalidKeyUsage, .alreadyExists: 400
                default: 500
                }
            return StorageError(code: "KMS." + error.code.rawValue, message: error.message, httpStatus: status, details: details)
        case let error as EncryptionError:
            switch error.code {
            case .invalidCustomerKey, .customerKeyMD5Mismatch:
                return StorageError(code: "InvalidArgument", message: error.message, httpStatus: 400)
            case .customerKeyRequired, .customerKeyNotApplicable:
                return StorageError(code: "InvalidRequest", message: error.message, httpStatus: 400)
            case .customerKeyMismatch:
                return StorageError(code: "AccessDenied", message: error.message, httpStatus: 403)
            default:
                return StorageError(code: "InternalError", message: "\(error.code.rawValue): \(error.message)", httpStatus: 500)
            }
        default:
            return StorageError(code: "InternalError", message: String(describing: error), httpStatus: 500)
        }
    }

    private static func httpStatus(_ code: StoreError.Code) -> Int {
        switch code {
        case .noSuchBucket, .noSuchKey, .noSuchVersion, .noSuchUpload: 404
        case .bucketAlreadyOwnedByYou, .bucketNotEmpty: 409
        case .methodNotAllowed: 405
        case .preconditionFailed: 412
        default: 400
        }
    }
}
